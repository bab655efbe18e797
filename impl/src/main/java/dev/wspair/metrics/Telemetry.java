package dev.wspair.metrics;

import dev.wspair.engine.DeliveryScope;
import dev.wspair.jakarta.ConnectionMetrics;
import dev.wspair.objects.ObjectRegistry;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.util.function.UnaryOperator;

/**
 * One application's metrics and tracing, owned by its runtime. Micrometer counts when
 * {@code micrometer-core} is on the class path (in the application's {@code MeterRegistry} bean if
 * it has one, else {@code Metrics.globalRegistry}); OpenTelemetry traces when
 * {@code opentelemetry-api} is (with the application's {@code OpenTelemetry} bean if it has one, else
 * {@code GlobalOpenTelemetry}). Without them every hook is a no-op.
 *
 * <p>Meters, tagged {@code route}: {@value #OPENED}, {@value #CLOSED} (and {@code code.class}:
 * {@code 1xxx}, {@code 3xxx}, {@code 4xxx}, {@code other}), {@value #MESSAGES} and
 * {@value #PAYLOAD} (bytes; and {@code direction}: {@code in}, {@code out}), {@value #ERRORS} (and
 * {@code kind}: {@code failed}, {@code write_failed}, {@code lost} for connections that ended without a
 * closing handshake, {@code handler} for a request answered 500 because of its handler), the gauges
 * {@value #ACTIVE} and {@value #SEND_BUFFER} (bytes waiting to be written). Durable Objects' gauges,
 * tagged {@code namespace} (the object class's name), once {@link #watch} was given the registry:
 * {@value #OBJECTS_ACTIVE} (instances in memory), {@value #OBJECTS_HIBERNATED} (objects whose
 * instance was dropped while sockets stay connected), {@value #OBJECTS_SOCKETS} (their accepted
 * hibernatable sockets). Spans:
 * {@value #UPGRADE_SPAN} (or {@value #REQUEST_SPAN} for a request that is no upgrade) with
 * {@code wspair.route} and {@code http.response.status_code}; with {@value #DELIVERY_SPANS}{@code =true},
 * {@value #DELIVERY_SPAN} around each delivery of a frame's events.
 */
public final class Telemetry implements AutoCloseable {

    public static final String OPENED = "wspair.connections.opened";
    public static final String CLOSED = "wspair.connections.closed";
    public static final String ACTIVE = "wspair.connections.active";
    public static final String MESSAGES = "wspair.messages";
    public static final String PAYLOAD = "wspair.messages.payload";
    public static final String ERRORS = "wspair.errors";
    public static final String SEND_BUFFER = "wspair.send.buffer";
    public static final String OBJECTS_ACTIVE = "wspair.objects.active";
    public static final String OBJECTS_HIBERNATED = "wspair.objects.hibernated";
    public static final String OBJECTS_SOCKETS = "wspair.objects.sockets";
    public static final String UPGRADE_SPAN = "wspair.upgrade";
    public static final String REQUEST_SPAN = "wspair.request";
    public static final String DELIVERY_SPAN = "wspair.delivery";
    /** The setting that turns on a span per delivery (off by default). */
    public static final String DELIVERY_SPANS = "wspair.tracing.deliveries";

    /** Nothing measured, nothing traced. */
    public static final Telemetry OFF = new Telemetry(Meters.NONE, Tracing.NONE);

    private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());

    private final Meters meters;
    private final Tracing tracing;

    private Telemetry(Meters meters, Tracing tracing) {
        this.meters = meters;
        this.tracing = tracing;
    }

    /**
     * The application's telemetry: {@code beans} (may be null) may provide a {@code MeterRegistry}
     * and an {@code OpenTelemetry}; {@code settings} says whether deliveries are traced.
     */
    public static Telemetry start(BeanManager beans, UnaryOperator<String> settings) {
        ClassLoader own = Telemetry.class.getClassLoader();
        Meters meters = Meters.NONE;
        if (present("io.micrometer.core.instrument.MeterRegistry", own)) {
            try {
                meters = MicrometerMeters.create(beans);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Micrometer is present but cannot be used: no wspair metrics", e);
            }
        }
        Tracing tracing = Tracing.NONE;
        if (present("io.opentelemetry.api.GlobalOpenTelemetry", own)) {
            try {
                tracing = OpenTelemetryTracing.create(beans, "true".equalsIgnoreCase(settings.apply(DELIVERY_SPANS)));
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "OpenTelemetry is present but cannot be used: no wspair spans", e);
            }
        }
        return meters == Meters.NONE && tracing == Tracing.NONE ? OFF : new Telemetry(meters, tracing);
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether connections are counted (else {@link #connection} gives {@link ConnectionMetrics#NONE}). */
    public boolean metered() {
        return meters != Meters.NONE;
    }

    /** Whether route requests are traced. */
    public boolean traced() {
        return tracing != Tracing.NONE;
    }

    /** The metrics of one new connection on {@code route}. */
    public ConnectionMetrics connection(String route) {
        return meters.connection(route);
    }

    /**
     * Counts the application's Durable Objects per class from now on. The gauges read the
     * registry's census when scraped and hold it weakly; {@link #close()} removes them.
     */
    public void watch(ObjectRegistry objects) {
        meters.watch(objects);
    }

    /** A route request starts: its span (a no-op when not traced), to end with the status answered. */
    public Request request(String route, boolean upgrade) {
        Request span = tracing.request(route, upgrade);
        if (!metered()) {
            return span;
        }
        return (status, failed) -> {
            if (failed) {
                meters.error(route, "handler");
            }
            span.end(status, failed);
        };
    }

    /** {@code inner} with a span around each delivery, when {@value #DELIVERY_SPANS} is on. */
    public DeliveryScope deliveries(DeliveryScope inner) {
        return tracing.deliveries(inner);
    }

    /** Removes this application's meters from the registry. */
    @Override
    public void close() {
        meters.close();
    }

    /** One route request being answered. */
    @FunctionalInterface
    public interface Request {
        Request NONE = (status, failed) -> { };

        /**
         * It was answered with {@code status} (101 for an upgrade); {@code failed}: with a 500
         * because its handler threw, returned no Response, or one that cannot be sent.
         */
        void end(int status, boolean failed);
    }

    /** Counting, behind Micrometer or nothing. */
    interface Meters {
        Meters NONE = new Meters() {
            @Override
            public ConnectionMetrics connection(String route) {
                return ConnectionMetrics.NONE;
            }

            @Override
            public void error(String route, String kind) {
            }

            @Override
            public void watch(ObjectRegistry objects) {
            }

            @Override
            public void close() {
            }
        };

        ConnectionMetrics connection(String route);

        void error(String route, String kind);

        void watch(ObjectRegistry objects);

        void close();
    }

    /** Spans, behind OpenTelemetry or nothing. */
    interface Tracing {
        Tracing NONE = new Tracing() {
            @Override
            public Request request(String route, boolean upgrade) {
                return Request.NONE;
            }

            @Override
            public DeliveryScope deliveries(DeliveryScope inner) {
                return inner;
            }
        };

        Request request(String route, boolean upgrade);

        DeliveryScope deliveries(DeliveryScope inner);
    }
}
