package dev.wspair.jakarta;

import dev.wspair.engine.RealWebSocket;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every connection the bridge serves in this application, so that a shutdown or an undeploy closes
 * them all with 1001 (Undertow leaves upgraded sessions open after an undeploy; Tyrus drops them
 * with 1006 and no Close frame), and so that one timer thread applies every connection's timeouts.
 */
public final class OpenConnections {

    static final int GOING_AWAY = 1001;
    static final String GOING_AWAY_REASON = "going away";

    static final long DELIVERY_WAIT_MILLIS = 5_000;

    private static final System.Logger LOG = System.getLogger(OpenConnections.class.getName());
    private static final Set<BridgedConnection> OPEN = ConcurrentHashMap.newKeySet();

    private OpenConnections() {
    }

    /** Runs the connections' timers (send timeout, idle timeout, keepalive); null while none is needed. */
    private static ScheduledExecutorService timers;

    static void add(BridgedConnection connection) {
        OPEN.add(connection);
        startTimers();
    }

    private static synchronized void startTimers() {
        long period = BridgeSettings.current().tickMillis();
        if (timers != null || period == 0) {
            return;
        }
        timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wspair-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.scheduleWithFixedDelay(OpenConnections::tick, period, period, TimeUnit.MILLISECONDS);
    }

    private static void tick() {
        long now = System.nanoTime();
        for (BridgedConnection connection : OPEN) {
            try {
                connection.tick(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A WebSocket's timers failed", e);
            }
        }
    }

    private static synchronized void stopTimers() {
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
        }
    }

    static void remove(BridgedConnection connection) {
        OPEN.remove(connection);
    }

    public static int count() {
        return OPEN.size();
    }

    /**
     * Closes every open connection with 1001: the peer gets the Close, the socket its close event.
     * Waits until those events were delivered (at most {@link #DELIVERY_WAIT_MILLIS}), so that they
     * run before the application's executor and CDI container stop.
     */
    public static void closeAll() {
        stopTimers();
        PendingUpgrades.abandonAll();
        List<CompletableFuture<Void>> delivered = new ArrayList<>();
        for (BridgedConnection connection : OPEN) {
            RealWebSocket socket = connection.socket();
            if (socket != null) {
                socket.goAway(GOING_AWAY, GOING_AWAY_REASON);
                delivered.add(socket.readingEnded().toCompletableFuture());
            }
        }
        try {
            CompletableFuture.allOf(delivered.toArray(CompletableFuture[]::new))
                    .get(DELIVERY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "Some WebSockets did not deliver their close event within "
                    + DELIVERY_WAIT_MILLIS + " ms of the shutdown (a socket never accepted, or a blocked listener)");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Closing the WebSockets at shutdown failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
