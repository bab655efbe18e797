package dev.wspair;

/**
 * A way to one Durable Object: its calls run in the object, one at a time, in the order they arrive.
 */
public interface DurableObjectStub {

    /**
     * The object's id.
     *
     * @return the id
     */
    DurableObjectId id();

    /**
     * The name the object was reached by.
     *
     * @return the name given to {@code getByName} or {@code idFromName}, else {@code null}
     */
    String name();

    /**
     * Sends {@code request} to the object's {@link DurableObject#fetch(Request)} and waits for its
     * response. A 101 response can be returned as is from a {@link FetchHandler}.
     *
     * @param request the request
     * @return the object's response
     * @throws Exception what the object's {@code fetch} threw
     */
    Response fetch(Request request) throws Exception;
}
