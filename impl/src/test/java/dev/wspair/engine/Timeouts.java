package dev.wspair.engine;

import java.time.Duration;

/** How long a test waits for something that must happen. Nothing in the tests sleeps. */
public final class Timeouts {

    /** An event that must arrive. */
    public static final Duration EVENT = Duration.ofSeconds(10);

    private Timeouts() {
    }
}
