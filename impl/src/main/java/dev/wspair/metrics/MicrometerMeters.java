package dev.wspair.metrics;

import dev.wspair.jakarta.ConnectionMetrics;
import dev.wspair.objects.ObjectCensus;
import dev.wspair.objects.ObjectRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The meters of one application in a Micrometer registry. Each route's meters are made once, on its
 * first connection; a message costs two counter increments.
 */
final class MicrometerMeters implements Telemetry.Meters {

    private static final System.Logger LOG = System.getLogger(MicrometerMeters.class.getName());

    private final MeterRegistry registry;
    private final ConcurrentMap<String, RouteMeters> routes = new ConcurrentHashMap<>();
    /** Every meter registered, to remove when the application stops. */
    private final Queue<Meter> registered = new ConcurrentLinkedQueue<>();
    /** Set by {@link #close()}; an object class used after it gets no gauges. Guarded by this. */
    private boolean closed;

    private MicrometerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** In the application's {@code MeterRegistry} bean, else in {@code Metrics.globalRegistry}. */
    static Telemetry.Meters create(BeanManager beans) {
        MeterRegistry own = Beans.lookup(beans, MeterRegistry.class);
        return new MicrometerMeters(own != null ? own : Metrics.globalRegistry);
    }

    @Override
    public ConnectionMetrics connection(String route) {
        return new Connection(route(route));
    }

    @Override
    public void error(String route, String kind) {
        route(route).error(kind);
    }

    @Override
    public void watch(ObjectRegistry objects) {
        objects.watch(this::objectGauges);
    }

    /**
     * The gauges of one object class. Each holds the census weakly (Micrometer's default for a
     * gauge's state object): the object registry keeps it, so the gauges never keep the registry
     * (and the application's classes) alive.
     */
    private synchronized void objectGauges(ObjectCensus census) {
        if (closed) {
            return;
        }
        try {
            String namespace = census.className();
            keep(Gauge.builder(Telemetry.OBJECTS_ACTIVE, census, ObjectCensus::active).tag("namespace", namespace)
                    .description("Durable Objects with an instance in memory").register(registry));
            keep(Gauge.builder(Telemetry.OBJECTS_HIBERNATED, census, ObjectCensus::hibernated).tag("namespace", namespace)
                    .description("Durable Objects without an instance whose sockets stay connected").register(registry));
            keep(Gauge.builder(Telemetry.OBJECTS_SOCKETS, census, ObjectCensus::sockets).tag("namespace", namespace)
                    .description("Hibernatable WebSockets accepted by Durable Objects").register(registry));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "No Durable Object gauges for " + census.className(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (Meter meter; (meter = registered.poll()) != null; ) {
            registry.remove(meter);
        }
        routes.clear();
    }

    private RouteMeters route(String route) {
        RouteMeters meters = routes.get(route);
        return meters != null ? meters : routes.computeIfAbsent(route, RouteMeters::new);
    }

    private <M extends Meter> M keep(M meter) {
        registered.add(meter);
        return meter;
    }

    /** The close code's class: {@code 1xxx} (the protocol's), {@code 3xxx} (registered), {@code 4xxx} (private), else {@code other}. */
    static String codeClass(int code) {
        return switch (code / 1000) {
            case 1 -> "1xxx";
            case 3 -> "3xxx";
            case 4 -> "4xxx";
            default -> "other";
        };
    }

    /** The meters of one route. */
    private final class RouteMeters {
        final String route;
        final Counter opened;
        final Counter messagesIn;
        final Counter messagesOut;
        final Counter payloadIn;
        final Counter payloadOut;
        final AtomicLong active = new AtomicLong();
        final Set<LongSupplier> buffers = ConcurrentHashMap.newKeySet();
        final ConcurrentMap<String, Counter> closed = new ConcurrentHashMap<>();
        final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();

        RouteMeters(String route) {
            this.route = route;
            this.opened = keep(Counter.builder(Telemetry.OPENED).tag("route", route)
                    .description("WebSocket connections opened").register(registry));
            this.messagesIn = keep(messages("in"));
            this.messagesOut = keep(messages("out"));
            this.payloadIn = keep(payload("in"));
            this.payloadOut = keep(payload("out"));
            keep(Gauge.builder(Telemetry.ACTIVE, active, AtomicLong::get).tag("route", route)
                    .description("WebSocket connections open now").register(registry));
            keep(Gauge.builder(Telemetry.SEND_BUFFER, buffers, MicrometerMeters::sum).tag("route", route)
                    .baseUnit("bytes").description("Bytes sent but not yet written").register(registry));
        }

        private Counter messages(String direction) {
            return Counter.builder(Telemetry.MESSAGES).tag("route", route).tag("direction", direction)
                    .description("WebSocket messages").register(registry);
        }

        private Counter payload(String direction) {
            return Counter.builder(Telemetry.PAYLOAD).tag("route", route).tag("direction", direction)
                    .baseUnit("bytes").description("Bytes of WebSocket messages (UTF-8 for text)").register(registry);
        }

        void closed(int code) {
            closed.computeIfAbsent(codeClass(code), codeClass -> keep(Counter.builder(Telemetry.CLOSED)
                    .tag("route", route).tag("code.class", codeClass)
                    .description("WebSocket connections ended").register(registry))).increment();
        }

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> keep(Counter.builder(Telemetry.ERRORS).tag("route", route)
                    .tag("kind", k).description("WebSocket connections that failed, and handlers that failed")
                    .register(registry))).increment();
        }
    }

    private static double sum(Set<LongSupplier> buffers) {
        long total = 0;
        for (LongSupplier buffered : buffers) {
            total += buffered.getAsLong();
        }
        return total;
    }

    /** One connection: counts into its route's meters; its start and its end count once each. */
    private static final class Connection implements ConnectionMetrics {
        private final RouteMeters route;
        /** Guarded by this (once per connection, never per message). */
        private boolean opened;
        private boolean ended;
        private LongSupplier buffered;

        Connection(RouteMeters route) {
            this.route = route;
        }

        @Override
        public synchronized void opened(LongSupplier buffer) {
            if (opened) {
                return;
            }
            opened = true;
            route.opened.increment();
            if (!ended) {
                route.active.incrementAndGet();
                buffered = buffer;
                route.buffers.add(buffer);
            }
        }

        @Override
        public void received(long bytes) {
            route.messagesIn.increment();
            route.payloadIn.increment(bytes);
        }

        @Override
        public void sent(long bytes) {
            route.messagesOut.increment();
            route.payloadOut.increment(bytes);
        }

        @Override
        public void ended(int code, String failure) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                if (buffered != null) {
                    route.buffers.remove(buffered);
                    route.active.decrementAndGet();
                    buffered = null;
                }
            }
            route.closed(code);
            if (failure != null) {
                route.error(failure);
            }
        }
    }
}
