package dev.wspair.objects;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.engine.DeliveryScope;
import dev.wspair.engine.RealWebSocket;
import jakarta.enterprise.inject.spi.BeanManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The Durable Objects of one application: one namespace per object class, one actor per id. The
 * application's runtime owns it and calls {@link #hibernateIdle()} from its timer; tests call it
 * themselves with a clock they move. In a cluster the runtime gives it the cluster's {@link
 * Placement} and calls {@link #moveAwayObjectsNotHere()} whenever ownership may have changed.
 */
public final class ObjectRegistry {

    /** The Close a client gets when its object moved to another node: reconnect, and reach the new owner. */
    public static final int MOVED_CODE = 1012;
    public static final String MOVED_REASON = "service restart";
    /**
     * The same Close on a link (the client is on another node): Tyrus's client refuses codes
     * 1012-2999, so the link carries 1001 with {@link #MOVED_REASON}, and the entry node gives its
     * client {@link #MOVED_CODE}.
     */
    public static final int LINK_MOVED_CODE = 1001;
    /** The Close of every socket of an object that moves because this node leaves the cluster. */
    public static final int LEAVING_CODE = 1001;
    public static final String LEAVING_REASON = "going away";

    /** How long an object runs nothing before its instance is dropped (an ISO-8601 duration). */
    public static final String HIBERNATE_AFTER = "wspair.objects.hibernateAfter";
    public static final Duration DEFAULT_HIBERNATE_AFTER = Duration.ofSeconds(10);

    private final Executor executor;
    private final DeliveryScope scope;
    private final BeanManager beans;
    private final Clock clock;
    private final Duration hibernateAfter;
    private final ConcurrentHashMap<Class<?>, ObjectNamespace<?>> namespaces = new ConcurrentHashMap<>();
    private final Whereabouts whereabouts = new Whereabouts();
    private final CopyOnWriteArrayList<Consumer<? super ObjectCensus>> watchers = new CopyOnWriteArrayList<>();

    /** Where the objects live, and whether this node is leaving; read before every call of an object. */
    static final class Whereabouts {
        private volatile Placement placement = Placement.SINGLE_NODE;
        private volatile boolean leaving;

        Placement placement() {
            return placement;
        }

        boolean leaving() {
            return leaving;
        }
    }

    /**
     * @param executor where objects run their turns
     * @param scope what surrounds each turn (the runtime, a CDI request context)
     * @param beans CDI for injection into objects, or {@code null}
     * @param clock idle time and auto-response timestamps
     * @param hibernateAfter idle time before an instance is dropped
     */
    public ObjectRegistry(Executor executor, DeliveryScope scope, BeanManager beans, Clock clock, Duration hibernateAfter) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.beans = beans;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hibernateAfter = Objects.requireNonNull(hibernateAfter, "hibernateAfter");
    }

    @SuppressWarnings("unchecked")
    public <T extends DurableObject> DurableObjectNamespace<T> namespace(Class<T> type) {
        Objects.requireNonNull(type, "type");
        ObjectNamespace<?> namespace = namespaces.get(type);
        if (namespace != null) {
            return (DurableObjectNamespace<T>) namespace;
        }
        boolean[] made = new boolean[1];
        namespace = namespaces.computeIfAbsent(type, key -> {
            made[0] = true;
            return newNamespace(key);
        });
        if (made[0]) {
            for (Consumer<? super ObjectCensus> watcher : watchers) {
                watcher.accept(namespace);
            }
        }
        return (DurableObjectNamespace<T>) namespace;
    }

    /**
     * Gives {@code watcher} the census of each object class: now for those in use, later for each
     * one used for the first time (outside any lock). The metrics register their gauges here; the
     * registry keeps {@code watcher} as long as it lives.
     */
    public void watch(Consumer<? super ObjectCensus> watcher) {
        Objects.requireNonNull(watcher, "watcher");
        watchers.add(watcher);
        for (ObjectNamespace<?> namespace : namespaces.values()) {
            watcher.accept(namespace);
        }
    }

    private <T extends DurableObject> ObjectNamespace<T> newNamespace(Class<?> type) {
        @SuppressWarnings("unchecked")
        Class<T> objectType = (Class<T>) type.asSubclass(DurableObject.class);
        ObjectFactory<T> factory = new ObjectFactory<>(objectType, beans);
        return new ObjectNamespace<>(objectType,
                (id, forget) -> new ObjectActor(id, factory::create, executor, scope, clock, whereabouts, forget),
                whereabouts);
    }

    /** From now on the objects live where {@code placement} says. */
    public void place(Placement placement) {
        whereabouts.placement = Objects.requireNonNull(placement, "placement");
    }

    public Placement placement() {
        return whereabouts.placement;
    }

    /**
     * This node is leaving its cluster: the objects that move away from now on close their sockets
     * with {@link #LEAVING_CODE} (as the node's own shutdown does), not {@link #MOVED_CODE}.
     */
    public void leaving() {
        whereabouts.leaving = true;
    }

    /**
     * Asks every object that lives here, in its next turn, whether it still does; those that moved
     * to another node close their sockets and are forgotten.
     */
    public void moveAwayObjectsNotHere() {
        for (ObjectNamespace<?> namespace : namespaces.values()) {
            for (ObjectActor actor : namespace.actors()) {
                actor.checkPlacement();
            }
        }
    }

    /**
     * A request that another node sent here for the object {@code id} of the class {@code typeName}
     * (loaded with {@code loader}): served if this node owns the object now. A socket the object
     * accepts for it is marked as linked (its client is on the other node).
     *
     * @return the object's answer, or {@code null} when this node does not own it (now)
     * @throws ClassNotFoundException when {@code typeName} is no class here
     * @throws ClassCastException when it is no Durable Object
     */
    public Response fetchForLink(String typeName, DurableObjectId id, Request request, ClassLoader loader)
            throws Exception {
        Class<? extends DurableObject> type = Class.forName(typeName, false, loader).asSubclass(DurableObject.class);
        if (!whereabouts.placement.ownedHere(id)) {
            return null;
        }
        ObjectActor actor = ((ObjectNamespace<?>) namespace(type)).actorHere(id);
        Response answer = actor.fetchIfHere(request);
        if (answer == ObjectActor.MOVED) {
            return null;
        }
        if (answer != null && answer.webSocket() != null) {
            RealWebSocket returned = RealWebSocket.of(answer.webSocket());
            RealWebSocket accepted = returned.otherEnd();
            if (accepted != null) {
                actor.state().markLinked(accepted);
            }
        }
        return answer;
    }

    /** How many objects live on this node now (awake or hibernating). */
    public int objectsHere() {
        int count = 0;
        for (ObjectNamespace<?> namespace : namespaces.values()) {
            for (ObjectActor actor : namespace.actors()) {
                if (!actor.moved()) {
                    count++;
                }
            }
        }
        return count;
    }

    public Duration hibernateAfter() {
        return hibernateAfter;
    }

    /**
     * Drops the instance of every object that ran nothing for {@link #hibernateAfter()}: its
     * sockets stay connected, and its next event creates a new instance.
     *
     * @return how many instances were dropped
     */
    public int hibernateIdle() {
        long millis = hibernateAfter.toMillis();
        int dropped = 0;
        for (ObjectNamespace<?> namespace : namespaces.values()) {
            for (ObjectActor actor : namespace.actors()) {
                if (actor.hibernateIfIdle(millis)) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** Whether the object with {@code id} of {@code type} has a live instance now. */
    public boolean awake(Class<? extends DurableObject> type, DurableObjectId id) {
        ObjectNamespace<?> namespace = namespaces.get(type);
        ObjectActor actor = namespace == null ? null : namespace.actor(id);
        return actor != null && actor.awake();
    }
}
