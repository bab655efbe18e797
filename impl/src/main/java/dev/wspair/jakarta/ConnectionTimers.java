package dev.wspair.jakarta;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One periodic task that applies every open connection's timeouts (close timeout, send timeout,
 * idle timeout, keepalive), on the application's scheduler; it starts with the first connection
 * and only when a timeout is set.
 */
final class ConnectionTimers {

    private final ScheduledExecutorService scheduler;
    private final long periodMillis;
    private ScheduledFuture<?> running;
    private boolean stopped;

    ConnectionTimers(ScheduledExecutorService scheduler, BridgeSettings settings) {
        this.scheduler = scheduler;
        this.periodMillis = settings.tickMillis();
    }

    synchronized void start(Runnable tick) {
        if (running == null && !stopped && periodMillis > 0) {
            running = scheduler.scheduleWithFixedDelay(tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void stop() {
        stopped = true;
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }
}
