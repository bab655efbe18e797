package dev.wspair.jakarta;

import dev.wspair.engine.RealWebSocket;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every connection the bridge serves for one application, so that its shutdown closes them all
 * with 1001 (Undertow leaves upgraded sessions open after an undeploy; Tyrus drops them with 1006
 * and no Close frame), and so that one timer task applies every connection's timeouts.
 */
final class OpenConnections {

    static final int GOING_AWAY = 1001;
    static final String GOING_AWAY_REASON = "going away";

    static final long DELIVERY_WAIT_MILLIS = 5_000;

    private static final System.Logger LOG = System.getLogger(OpenConnections.class.getName());

    private final Set<BridgedConnection> open = ConcurrentHashMap.newKeySet();
    private final ConnectionTimers timers;

    OpenConnections(ConnectionTimers timers) {
        this.timers = timers;
    }

    void add(BridgedConnection connection) {
        open.add(connection);
        timers.start(this::tick);
    }

    private void tick() {
        long now = System.nanoTime();
        for (BridgedConnection connection : open) {
            try {
                connection.tick(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A WebSocket's timers failed", e);
            }
        }
    }

    void remove(BridgedConnection connection) {
        open.remove(connection);
    }

    int count() {
        return open.size();
    }

    /**
     * Closes every open connection with 1001: the peer gets the Close, the socket its close event.
     * Waits until those events were delivered (at most {@link #DELIVERY_WAIT_MILLIS}), so that they
     * run before the application's executor and CDI container stop.
     */
    void closeAll() {
        timers.stop();
        List<CompletableFuture<Void>> delivered = new ArrayList<>();
        for (BridgedConnection connection : open) {
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
