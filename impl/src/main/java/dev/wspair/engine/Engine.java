package dev.wspair.engine;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates sockets that deliver their events on one executor, with one set of compatibility
 * settings. {@code new WebSocketPair()} uses {@link #shared()}; the JSR-356 bridge creates an
 * engine on the container's managed executor.
 */
public final class Engine {

    private static volatile Engine shared = new Engine(DispatchPool.INSTANCE, null, DeliveryScope.NONE);

    private final Executor executor;
    private final Compatibility compatibility;
    private final DeliveryScope scope;

    /**
     * An engine on {@code executor}, with the compatibility settings current when each socket is
     * created. The executor must run tasks on other threads, never inside {@code execute()} (a
     * caller-runs policy would deliver events from inside {@code send()}).
     */
    public Engine(Executor executor) {
        this(executor, null, DeliveryScope.NONE);
    }

    /** An engine on {@code executor} with fixed compatibility settings ({@code null}: the current ones). */
    public Engine(Executor executor, Compatibility compatibility) {
        this(executor, compatibility, DeliveryScope.NONE);
    }

    /** An engine whose deliveries each run inside {@code scope}. */
    public Engine(Executor executor, Compatibility compatibility, DeliveryScope scope) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.compatibility = compatibility;
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /**
     * The engine of {@code new WebSocketPair()}: by default a shared pool of daemon threads with
     * {@link Compatibility#current()}; a runtime (the bridge in a WAR, the embedded server) replaces
     * it with one on its own executor. Static, so one per class loader: one per application.
     */
    public static Engine shared() {
        return shared;
    }

    /** Makes {@code engine} the one {@code new WebSocketPair()} uses from now on. */
    public static void setShared(Engine engine) {
        shared = Objects.requireNonNull(engine, "engine");
    }

    /** The default engine, on the shared pool of daemon threads. */
    public static Engine defaults() {
        return new Engine(DispatchPool.INSTANCE, null, DeliveryScope.NONE);
    }

    public Executor executor() {
        return executor;
    }

    public Compatibility compatibility() {
        return compatibility != null ? compatibility : Compatibility.current();
    }

    /** This engine with other compatibility settings: the same executor and delivery scope. */
    public Engine withCompatibility(Compatibility settings) {
        return new Engine(executor, settings, scope);
    }

    /** {@code new WebSocketPair()} on this engine. */
    public WebSocketPair newPair() {
        WebSocket[] ends = newPairEnds();
        return EngineProvider.pair(ends[0], ends[1]);
    }

    WebSocket[] newPairEnds() {
        Compatibility settings = compatibility();
        RealWebSocket client = new RealWebSocket(executor, settings, RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING, scope);
        RealWebSocket server = new RealWebSocket(executor, settings, RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING, scope);
        RealWebSocket.pair(client, server);
        return new WebSocket[] {EngineProvider.wrap(client), EngineProvider.wrap(server)};
    }

    /** A client socket for {@code new WebSocket(url)}, bound to its public object. */
    public RealWebSocket newClient(WebSocket shell, String url) {
        RealWebSocket client = new RealWebSocket(executor, compatibility(), url, scope);
        client.bind(shell);
        return client;
    }

    /** A socket from a fetch-style upgrade: awaiting accept(), with its public object. */
    public RealWebSocket newFetched() {
        RealWebSocket fetched = new RealWebSocket(executor, compatibility(), RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING, scope);
        EngineProvider.wrap(fetched);
        return fetched;
    }

    /** The default executor: a work-stealing pool of daemon threads, FIFO for submitted tasks. */
    private static final class DispatchPool {
        static final ForkJoinPool INSTANCE = new ForkJoinPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), DispatchPool::thread, null, true);
        private static final AtomicInteger COUNT = new AtomicInteger();

        private static ForkJoinWorkerThread thread(ForkJoinPool pool) {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("wspair-dispatch-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
