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
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The objects of one class in one application: one {@link ObjectActor} per id that lives on this
 * node, made on first use; a stub sends the calls for an object that lives on another node there.
 */
final class ObjectNamespace<T extends DurableObject> implements DurableObjectNamespace<T>, ObjectCensus {

    /** How often a call follows an object that moved while it was on its way, before giving up. */
    private static final int MAX_HOPS = 8;

    private final Class<T> type;
    private final BiFunction<DurableObjectId, Consumer<ObjectActor>, ObjectActor> newActor;
    private final ObjectRegistry.Whereabouts whereabouts;
    private final ConcurrentHashMap<DurableObjectId, ObjectActor> actors = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param newActor makes the actor of an id, given what makes the namespace forget it once it moved */
    ObjectNamespace(Class<T> type, BiFunction<DurableObjectId, Consumer<ObjectActor>, ObjectActor> newActor,
            ObjectRegistry.Whereabouts whereabouts) {
        this.type = type;
        this.newActor = newActor;
        this.whereabouts = whereabouts;
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
        return new Stub(id);
    }

    @Override
    public DurableObjectStub getByName(String name) {
        return get(idFromName(name));
    }

    /** The actor of {@code id} if it exists (tests and hibernation). */
    ObjectActor actor(DurableObjectId id) {
        return actors.get(id);
    }

    /** The actor of {@code id} on this node, made now if there is none. */
    ObjectActor actorHere(DurableObjectId id) {
        return actors.computeIfAbsent(id, key -> newActor.apply(key, moved -> actors.remove(key, moved)));
    }

    /**
     * Serves {@code request} here if this node owns {@code id}, else sends it to the owner; follows
     * the object if it moves meanwhile (a few times at most).
     */
    Response fetch(DurableObjectId id, Request request) throws Exception {
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Response forwarded = whereabouts.placement().forwardUnlessHere(type, id, request);
            if (forwarded != null) {
                return forwarded;
            }
            Response answered = actorHere(id).fetchIfHere(request);
            if (answered != ObjectActor.MOVED) {
                return answered;
            }
        }
        throw new IllegalStateException("Durable Object " + id + " kept moving between nodes; try again");
    }

    Iterable<ObjectActor> actors() {
        return actors.values();
    }

    @Override
    public String className() {
        return type.getName();
    }

    @Override
    public int active() {
        return count(actor -> actor.awake() ? 1 : 0);
    }

    @Override
    public int hibernated() {
        return count(actor -> !actor.awake() && actor.state().socketCount() > 0 ? 1 : 0);
    }

    @Override
    public int sockets() {
        return count(actor -> actor.state().socketCount());
    }

    /** The sum of {@code each} over the objects that live here. */
    private int count(ToIntFunction<ObjectActor> each) {
        int sum = 0;
        for (ObjectActor actor : actors.values()) {
            if (!actor.moved()) {
                sum += each.applyAsInt(actor);
            }
        }
        return sum;
    }

    private final class Stub implements DurableObjectStub {
        private final DurableObjectId id;

        Stub(DurableObjectId id) {
            this.id = id;
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
            return ObjectNamespace.this.fetch(id, Objects.requireNonNull(request, "request"));
        }

        @Override
        public String toString() {
            return "DurableObjectStub[" + id + "]";
        }
    }
}
