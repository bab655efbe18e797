package dev.wspair.jakarta;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's idle timeout and keepalive: when a message last went either way, when a Ping
 * last went out, and what is due at a tick. The connection acts on the answer.
 */
final class IdleTimers {

    /** What a tick asks of the connection. */
    enum Due { NOTHING, IDLE_CLOSE, PING }

    private final long idleNanos;
    private final long pingNanos;
    /** When a message last went either way (System.nanoTime). */
    private volatile long lastActivity = System.nanoTime();
    private volatile long lastPing = lastActivity;
    private final AtomicBoolean idleClosed = new AtomicBoolean();

    IdleTimers(Duration idleTimeout, Duration pingInterval) {
        this.idleNanos = idleTimeout.toNanos();
        this.pingNanos = pingInterval.toNanos();
    }

    /** A message went one way or the other. */
    void activity() {
        lastActivity = System.nanoTime();
    }

    /**
     * What is due at {@code now}: the idle close (once), else a Ping when nothing went for a ping
     * interval and nothing waits to be written ({@code idleOutput}).
     */
    Due due(long now, boolean idleOutput) {
        if (idleNanos > 0 && now - lastActivity >= idleNanos && idleClosed.compareAndSet(false, true)) {
            return Due.IDLE_CLOSE;
        }
        if (pingNanos > 0 && now - Math.max(lastActivity, lastPing) >= pingNanos && idleOutput) {
            lastPing = now;
            return Due.PING;
        }
        return Due.NOTHING;
    }
}
