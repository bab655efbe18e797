package dev.wspair.jakarta;

import dev.wspair.engine.FieldHandles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * One connection's idle timeout and keepalive: when a message last went either way, when a Ping
 * last went out, and what is due at a tick. The connection acts on the answer. With neither set
 * (the default), every connection shares {@link #OFF}, which keeps no time: nothing per frame,
 * nothing per idle connection.
 */
class IdleTimers {

    /** What a tick asks of the connection. */
    enum Due { NOTHING, IDLE_CLOSE, PING }

    /** No idle timeout, no keepalive: stateless. */
    static final IdleTimers OFF = new IdleTimers(0, 0) {
        @Override
        void activity() {
        }

        @Override
        Due due(long now, boolean idleOutput) {
            return Due.NOTHING;
        }
    };

    private static final VarHandle IDLE_CLOSED = FieldHandles.of(MethodHandles.lookup(), "idleClosed", boolean.class);

    private final long idleNanos;
    private final long pingNanos;
    /** When a message last went either way (System.nanoTime). */
    private volatile long lastActivity = System.nanoTime();
    private volatile long lastPing = lastActivity;
    private volatile boolean idleClosed;

    private IdleTimers(long idleNanos, long pingNanos) {
        this.idleNanos = idleNanos;
        this.pingNanos = pingNanos;
    }

    static IdleTimers of(Duration idleTimeout, Duration pingInterval) {
        long idle = idleTimeout.toNanos();
        long ping = pingInterval.toNanos();
        return idle <= 0 && ping <= 0 ? OFF : new IdleTimers(idle, ping);
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
        if (idleNanos > 0 && now - lastActivity >= idleNanos && IDLE_CLOSED.compareAndSet(this, false, true)) {
            return Due.IDLE_CLOSE;
        }
        if (pingNanos > 0 && now - Math.max(lastActivity, lastPing) >= pingNanos && idleOutput) {
            lastPing = now;
            return Due.PING;
        }
        return Due.NOTHING;
    }
}
