package dev.wspair;

/**
 * The Durable Objects of one class in this application, as a Worker's namespace binding ({@code
 * env.ROOMS}). Inject it: {@code @Inject DurableObjectNamespace<ChatRoom> rooms}, or call {@link
 * #of(Class)}. Ids from {@code idFromName} are the same for the same name in every run of the
 * application.
 *
 * @param <T> the object class
 */
public interface DurableObjectNamespace<T extends DurableObject> {

    /**
     * The namespace of {@code type} in the application the calling thread works for.
     *
     * @param <T> the object class
     * @param type the object class
     * @return the namespace
     */
    static <T extends DurableObject> DurableObjectNamespace<T> of(Class<T> type) {
        return WebSocketProvider.provider().namespace(type);
    }

    /**
     * The id of the object called {@code name}: the same name gives the same id.
     *
     * @param name any text
     * @return the id
     */
    DurableObjectId idFromName(String name);

    /**
     * A new random id, different from every other.
     *
     * @return the id
     */
    DurableObjectId newUniqueId();

    /**
     * The id whose {@link DurableObjectId#toString()} is {@code id}.
     *
     * @param id 64 hexadecimal digits
     * @return the id
     * @throws IllegalArgumentException "Invalid Durable Object ID: must be 64 hex digits"
     */
    DurableObjectId idFromString(String id);

    /**
     * A stub for the object with {@code id}; the object is created on its first call.
     *
     * @param id the id
     * @return the stub
     */
    DurableObjectStub get(DurableObjectId id);

    /**
     * {@code get(idFromName(name))}.
     *
     * @param name the object's name
     * @return the stub
     */
    DurableObjectStub getByName(String name);
}
