package dev.wspair.engine;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** How long a test waits for something that must happen. Nothing in the tests sleeps. */
public final class Timeouts {

    /** An event that must arrive. */
    public static final Duration EVENT = Duration.ofSeconds(10);

    /**
     * How long a recorder on real threads waits in silence before it concludes that no further
     * event is coming ({@code Recorder.assertExhausted}): long enough for an event already on its
     * way over loopback TCP or through the executor.
     */
    public static final Duration QUIET = Duration.ofMillis(200);

    private Timeouts() {
    }

    /**
     * Waits until {@code condition} holds, checking every millisecond, for at most {@link #EVENT}:
     * for state that has no event to wait on (a counter that drains when a write completes).
     *
     * @throws AssertionError naming {@code what} when it never holds
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, EVENT, Duration.ofMillis(1), condition);
    }

    /**
     * Waits until {@code condition} holds, checking every {@code every}, for at most {@code timeout}:
     * for the state of another process (a cluster's members, asked over HTTP).
     *
     * @throws AssertionError naming {@code what} when it never holds
     */
    public static void until(String what, Duration timeout, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(every.toNanos());
        }
    }
}
