package dev.wspair.objects;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.DurableObjectStub;
import dev.wspair.Request;
import dev.wspair.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The objects of one class in one application: one {@link ObjectActor} per id, made on first use. */
final class ObjectNamespace<T extends DurableObject> implements DurableObjectNamespace<T> {

    private final Class<T> type;
    private final Function<DurableObjectId, ObjectActor> newActor;
    private final ConcurrentHashMap<DurableObjectId, ObjectActor> actors = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    ObjectNamespace(Class<T> type, Function<DurableObjectId, ObjectActor> newActor) {
        this.type = type;
        this.newActor = newActor;
    }

    /** The same name gives the same id in every run: SHA-256 of the class name and the name. */
    @Override
    public DurableObjectId idFromName(String name) {
        Objects.requireNonNull(name, "name");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(type.getName().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            return new DurableObjectId(HexFormat.of().formatHex(sha256.digest()), name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public DurableObjectId newUniqueId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new DurableObjectId(HexFormat.of().formatHex(bytes), null);
    }

    @Override
    public DurableObjectId idFromString(String id) {
        return new DurableObjectId(Objects.requireNonNull(id, "id").toLowerCase(Locale.ROOT), null);
    }

    @Override
    public DurableObjectStub get(DurableObjectId id) {
        Objects.requireNonNull(id, "id");
        return new Stub(id, actors.computeIfAbsent(id, newActor));
    }

    @Override
    public DurableObjectStub getByName(String name) {
        return get(idFromName(name));
    }

    /** The actor of {@code id} if it exists (tests and hibernation). */
    ObjectActor actor(DurableObjectId id) {
        return actors.get(id);
    }

    Iterable<ObjectActor> actors() {
        return actors.values();
    }

    private static final class Stub implements DurableObjectStub {
        private final DurableObjectId id;
        private final ObjectActor actor;

        Stub(DurableObjectId id, ObjectActor actor) {
            this.id = id;
            this.actor = actor;
        }

        @Override
        public DurableObjectId id() {
            return id;
        }

        @Override
        public String name() {
            return id.name();
        }

        @Override
        public Response fetch(Request request) throws Exception {
            return actor.fetch(Objects.requireNonNull(request, "request"));
        }

        @Override
        public String toString() {
            return "DurableObjectStub[" + id + "]";
        }
    }
}
