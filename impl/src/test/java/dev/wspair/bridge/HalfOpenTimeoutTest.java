package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import java.io.EOFException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README D11: a half-open socket that does not answer the peer's Close holds Tyrus's thread for at
 * most {@code wspair.halfOpenTimeout}; then Tyrus echoes the peer's Close and ends the connection,
 * and the socket's later {@code close()} puts nothing more on the wire (workerd would wait).
 */
class HalfOpenTimeoutTest {

    private BridgeHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = BridgeHarness.withSetting("wspair.halfOpenTimeout", "PT0.5S");
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void pastTheHalfOpenTimeoutTyrusEchoesAndALaterCloseSendsNothing() throws Exception {
        try (RawClient client = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept(AcceptOptions.allowHalfOpen(true));
            client.sendClose(4000, "x");
            events.expectClose(4000, "x", true, WebSocket.CLOSING);
            RawClient.Received echo = client.next();
            assertEquals(4000, echo.code(), "Tyrus's echo, after the half-open timeout");
            assertEquals("x", echo.reason());
            w.close(4001, "late");
            try {
                RawClient.Received more = client.next();
                fail("after Tyrus's echo the server sent " + more);
            } catch (EOFException end) {
                // the TCP end, and nothing before it
            }
            events.assertExhausted();
        }
    }
}
