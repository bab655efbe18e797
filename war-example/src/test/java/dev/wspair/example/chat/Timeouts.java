package dev.wspair.example.chat;

import java.time.Duration;

/** How long a test waits for something that must happen. Nothing in the tests sleeps. */
final class Timeouts {

    /** A message, a close, a handshake. */
    static final Duration EVENT = Duration.ofSeconds(10);

    private Timeouts() {
    }
}
