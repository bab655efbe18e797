package dev.wspair.engine;

import java.time.Duration;

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
}
