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

    private static final Engine SHARED = new Engine(DispatchPool.INSTANCE, null);

    private final Executor executor;
    private final Compatibility compatibility;

    /**
     * An engine on {@code executor}, with the compatibility settings current when each socket is
     * created. The executor must run tasks on other threads, never inside {@code execute()} (a
     * caller-runs policy would deliver events from inside {@code send()}).
     */
    public Engine(Executor executor) {
        this(executor, null);
    }

    /** An engine on {@code executor} with fixed compatibility settings. */
    public Engine(Executor executor, Compatibility compatibility) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.compatibility = compatibility;
    }

    /** The default engine: a shared pool of daemon threads, {@link Compatibility#current()}. */
    public static Engine shared() {
        return SHARED;
    }

    public Executor executor() {
        return executor;
    }

    public Compatibility compatibility() {
        return compatibility != null ? compatibility : Compatibility.current();
    }

    /** {@code new WebSocketPair()} on this engine. */
    public WebSocketPair newPair() {
        WebSocket[] ends = newPairEnds();
        return EngineProvider.pair(ends[0], ends[1]);
    }

    WebSocket[] newPairEnds() {
        Compatibility settings = compatibility();
        RealWebSocket client = new RealWebSocket(executor, settings, RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING);
        RealWebSocket server = new RealWebSocket(executor, settings, RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING);
        RealWebSocket.pair(client, server);
        return new WebSocket[] {EngineProvider.wrap(client), EngineProvider.wrap(server)};
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
