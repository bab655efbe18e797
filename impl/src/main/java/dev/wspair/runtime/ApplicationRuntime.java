package dev.wspair.runtime;

import dev.wspair.Compatibility;
import dev.wspair.WebSocketPair;
import dev.wspair.cdi.RequestScopes;
import dev.wspair.cluster.Cluster;
import dev.wspair.cluster.ClusterSettings;
import dev.wspair.cdi.RouteEvents;
import dev.wspair.client.Connector;
import dev.wspair.engine.DeliveryScope;
import dev.wspair.engine.Engine;
import dev.wspair.engine.ObjectTurns;
import dev.wspair.jakarta.Bridge;
import dev.wspair.jakarta.BridgeSettings;
import dev.wspair.jakarta.RouteBinding;
import dev.wspair.metrics.Telemetry;
import dev.wspair.json.JsonMessages;
import dev.wspair.json.JsonAttachments;
import dev.wspair.objects.ObjectRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Everything one application owns: its settings and compatibility default, its executors and
 * timers, its open connections and waiting upgrades (the {@link Bridge}), its route requests and
 * CDI channels, its client connector, its JSON-B instance and its metrics and tracing. One {@link Builder#start()} and one {@link #close()}.
 *
 * <p>On WildFly and Payara the WAR's {@code ServletContextListener} starts it when the application
 * starts and closes it when the application stops (before CDI and the executors go); the embedded
 * runtime's {@code EmbeddedServer} owns one; code outside any application gets a default runtime on
 * first use. {@link CurrentRuntime} says which runtime a call belongs to.
 */
public final class ApplicationRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ApplicationRuntime.class.getName());

    private final String name;
    private final RuntimeExecutors executors;
    private final Compatibility configured;
    private volatile Compatibility setInCode;
    private final Engine engine;
    private final Bridge bridge;
    private final RouteEvents routeEvents;
    private final RouteRequests routeRequests;
    private final Connector connector;
    private final JsonMessages json;
    private final ObjectRegistry objects;
    private final Telemetry telemetry;
    /** The application's place in a cluster of nodes; null when {@value ClusterSettings#MEMBERS} is not set. */
    private final Cluster cluster;
    /** The timer that drops idle objects' instances; set once the runtime started. */
    private volatile ScheduledFuture<?> hibernation;
    private final ClassLoader registeredLoader;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> closeSteps = new CopyOnWriteArrayList<>();

    private ApplicationRuntime(Builder builder) {
        this.name = builder.name;
        this.executors = builder.executors != null ? builder.executors : RuntimeExecutors.own(name);
        UnaryOperator<String> settings = BridgeSettings.chain(builder.ownSettings);
        this.configured = builder.compatibility != null ? builder.compatibility : configuredCompatibility(settings);
        Instance<Object> beans = builder.beans == null ? null : builder.beans.createInstance();
        DeliveryScope scope = beans == null ? DeliveryScope.NONE : RequestScopes.of(builder.beans, beans);
        this.telemetry = Telemetry.start(builder.beans, settings);
        DeliveryScope asThisApplication = CurrentRuntime.binding(this, telemetry.deliveries(scope));
        this.json = new JsonMessages(name);
        this.engine = new Engine(executors.dispatch(), this::compatibility, asThisApplication,
                JsonAttachments.overOrNone(json));
        this.bridge = new Bridge(BridgeSettings.read(settings, compatibility()), executors.scheduler());
        this.routeEvents = builder.beans == null ? null : new RouteEvents(builder.beans);
        this.routeRequests = new RouteRequests(this, beans);
        this.connector = new Connector(engine, bridge, executors.blocking(), executors.scheduler());
        this.registeredLoader = builder.classLoader;
        String hibernateAfter = settings.apply(ObjectRegistry.HIBERNATE_AFTER);
        this.objects = new ObjectRegistry(executors.dispatch(), asThisApplication, builder.beans, builder.clock,
                hibernateAfter == null ? ObjectRegistry.DEFAULT_HIBERNATE_AFTER : Duration.parse(hibernateAfter));
        telemetry.watch(objects);
        ClusterSettings clusterSettings = ClusterSettings.read(settings);
        this.cluster = !clusterSettings.enabled() ? null
                : new Cluster(name, clusterSettings, objects, executors.dispatch(), connector::fetchOwn,
                        () -> call(WebSocketPair::new), unbound -> ObjectTurns.bind(null, unbound), builder.classLoader != null ? builder.classLoader
                                : Thread.currentThread().getContextClassLoader());
    }

    private void startHibernationTimer() {
        long period = Math.max(1000, objects.hibernateAfter().toMillis() / 2);
        hibernation = executors.scheduler().scheduleWithFixedDelay(this::hibernateIdleObjects, period, period,
                TimeUnit.MILLISECONDS);
    }

    private void hibernateIdleObjects() {
        try {
            objects.hibernateIdle();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Hibernating the idle Durable Objects of " + name + " failed", e);
        }
    }

    /** A runtime named {@code name} (in thread names and logs), to configure and start. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The runtime the calling thread works for (see {@link CurrentRuntime} for the rule). */
    public static ApplicationRuntime current() {
        return CurrentRuntime.get();
    }

    public String name() {
        return name;
    }

    /**
     * The compatibility settings new sockets take: set in code, else those configured when the
     * runtime started ({@value Compatibility#DATE_PROPERTY} and {@value Compatibility#FLAGS_PROPERTY}
     * in the application's settings), else {@link Compatibility#DEFAULT_DATE}.
     */
    public Compatibility compatibility() {
        Compatibility set = setInCode;
        return set != null ? set : configured;
    }

    /** {@link Compatibility#setDefault} for this application; {@code null} returns to the configured settings. */
    public void setCompatibility(Compatibility compatibility) {
        setInCode = compatibility;
    }

    public Engine engine() {
        return engine;
    }

    public Bridge bridge() {
        return bridge;
    }

    public Connector connector() {
        return connector;
    }

    /** {@code MessageEvent.json} and {@code WebSocket.sendJson}, with the application's JSON-B. */
    public JsonMessages json() {
        return json;
    }

    /** The application's Durable Objects. */
    public ObjectRegistry objects() {
        return objects;
    }

    /**
     * The application's place in a cluster of nodes ({@code wspair.cluster.*} settings), or {@code
     * null} for a node alone: then nothing of Hazelcast is loaded.
     */
    public Cluster cluster() {
        return cluster;
    }

    /** The route other nodes reach this node's objects by, to serve beside the application's; null for a node alone. */
    public RouteBinding linkRoute() {
        return cluster == null ? null : RouteBinding.internal(Cluster.LINK_PATH, cluster.linkRoute());
    }

    /**
     * Joins the cluster once the application's routes are reachable at {@code advertised} (unless
     * {@code wspair.cluster.advertise} names another base URL); nothing for a node alone. The
     * embedded runtime calls it once it listens.
     */
    public void joinCluster(URI advertised) {
        if (cluster != null) {
            cluster.join(advertised);
        }
    }

    /** The one pipeline every route request goes through. */
    public RouteRequests routeRequests() {
        return routeRequests;
    }

    /** The application's metrics and tracing (no-ops without Micrometer and OpenTelemetry). */
    public Telemetry telemetry() {
        return telemetry;
    }

    RouteEvents routeEvents() {
        return routeEvents;
    }

    /** Runs {@code task} as this application's code: {@code new WebSocketPair()} inside it lands here. */
    public <T, X extends Exception> T call(Task<T, X> task) throws X {
        return CurrentRuntime.call(this, task);
    }

    /**
     * Runs {@code step} when the runtime closes, after its connections closed and before its
     * executors stop (the embedded runtime stops its server there).
     */
    public void onClose(Runnable step) {
        closeSteps.add(step);
    }

    /**
     * Stops the application's WebSockets: leaves its cluster (the objects move to the other nodes
     * first), gives up waiting upgrades, closes every connection with 1001 and waits (a few seconds at most) for their close events, runs the {@link #onClose}
     * steps, closes its JSON-B instance, then stops the timers and the pools of its own and forgets
     * its class loader. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            ScheduledFuture<?> timer = hibernation;
            if (timer != null) {
                timer.cancel(false);
            }
            if (cluster != null) {
                cluster.leave();
            }
            bridge.close();
            for (Runnable step : closeSteps) {
                step.run();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Closing the WebSockets of " + name + " failed", e);
        } finally {
            json.close();
            telemetry.close();
            if (registeredLoader != null) {
                CurrentRuntime.deregister(registeredLoader, this);
            }
            executors.shutdown();
        }
    }

    @Override
    public String toString() {
        return "ApplicationRuntime[" + name + "]";
    }

    /** The compatibility date and flags of the application's settings, else the defaults. */
    private static Compatibility configuredCompatibility(UnaryOperator<String> settings) {
        String date = settings.apply(Compatibility.DATE_PROPERTY);
        String flags = settings.apply(Compatibility.FLAGS_PROPERTY);
        return Compatibility.of(date == null ? Compatibility.DEFAULT_DATE.toString() : date,
                flags == null ? new String[0] : flags.split(","));
    }

    /** A call made as one application's code. */
    @FunctionalInterface
    public interface Task<T, X extends Exception> {
        T run() throws X;
    }

    /** How a runtime is made. */
    public static final class Builder {
        private final String name;
        private UnaryOperator<String> ownSettings = setting -> null;
        private Compatibility compatibility;
        private BeanManager beans;
        private RuntimeExecutors executors;
        private ClassLoader classLoader;
        private Clock clock = Clock.systemUTC();
        private boolean hibernationTimer = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The application's own settings (a WAR's context-params), before system properties and MicroProfile Config. */
        public Builder settings(UnaryOperator<String> own) {
            this.ownSettings = Objects.requireNonNull(own, "own");
            return this;
        }

        /** Fixed compatibility settings instead of the configured ones. */
        public Builder compatibility(Compatibility compatibility) {
            this.compatibility = compatibility;
            return this;
        }

        /**
         * The application's own bean manager (for a WAR, its {@code java:comp/BeanManager}: in an
         * EAR, {@code CDI.current()} called from wspair in {@code lib/} would give the library's):
         * route handlers, request scopes, CDI events.
         */
        public Builder beans(BeanManager beans) {
            this.beans = beans;
            return this;
        }

        /** The executors to use (default: pools of its own). */
        public Builder executors(RuntimeExecutors executors) {
            this.executors = executors;
            return this;
        }

        /** Threads whose context class loader is {@code loader} (or a child of it) work for this runtime. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** The clock of the Durable Objects: idle time before hibernation, auto-response timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether the runtime checks for idle Durable Objects by itself (the default); tests that
         * call {@code objects().hibernateIdle()} themselves turn it off.
         */
        public Builder hibernationTimer(boolean on) {
            this.hibernationTimer = on;
            return this;
        }

        public ApplicationRuntime start() {
            ApplicationRuntime runtime = new ApplicationRuntime(this);
            if (classLoader != null) {
                try {
                    CurrentRuntime.register(classLoader, runtime);
                } catch (RuntimeException e) {
                    runtime.executors.shutdown();
                    throw e;
                }
            }
            if (hibernationTimer) {
                runtime.startHibernationTimer();
            }
            return runtime;
        }
    }
}
