package dev.wspair.objects;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.engine.DeliveryScope;
import jakarta.enterprise.inject.spi.BeanManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The Durable Objects of one application: one namespace per object class, one actor per id. The
 * application's runtime owns it and calls {@link #hibernateIdle()} from its timer; tests call it
 * themselves with a clock they move.
 */
public final class ObjectRegistry {

    /** How long an object runs nothing before its instance is dropped (an ISO-8601 duration). */
    public static final String HIBERNATE_AFTER = "wspair.objects.hibernateAfter";
    public static final Duration DEFAULT_HIBERNATE_AFTER = Duration.ofSeconds(10);

    private final Executor executor;
    private final DeliveryScope scope;
    private final BeanManager beans;
    private final Clock clock;
    private final Duration hibernateAfter;
    private final ConcurrentHashMap<Class<?>, ObjectNamespace<?>> namespaces = new ConcurrentHashMap<>();

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
        return (DurableObjectNamespace<T>) namespaces.computeIfAbsent(type, this::newNamespace);
    }

    private <T extends DurableObject> ObjectNamespace<T> newNamespace(Class<?> type) {
        @SuppressWarnings("unchecked")
        Class<T> objectType = (Class<T>) type.asSubclass(DurableObject.class);
        ObjectFactory<T> factory = new ObjectFactory<>(objectType, beans);
        return new ObjectNamespace<>(objectType, id -> new ObjectActor(id, factory::create, executor, scope, clock));
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
