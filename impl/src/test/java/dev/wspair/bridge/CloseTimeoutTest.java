package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that never answers our Close: past {@code wspair.closeTimeout} the connection ends as a
 * lost one (1006, wasClean false, readyState CLOSING in the listener as in workerd's scenario 27),
 * and the server ends TCP without a second Close frame.
 */
class CloseTimeoutTest {

    private BridgeHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = BridgeHarness.withSetting("wspair.closeTimeout", "PT0.5S");
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void aPeerThatNeverAnswersOurCloseEndsIn1006AfterTheCloseTimeout() throws Exception {
        try (RawClient silent = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept(AcceptOptions.DEFAULT);
            w.close(4002, "bye");
            RawClient.Received close = silent.next();
            assertEquals(4002, close.code());
            assertEquals(WebSocket.CLOSING, w.readyState());
            events.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, WebSocket.CLOSING);
            RealWebSocket.of(w).readingEnded().toCompletableFuture().get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(WebSocket.CLOSED, w.readyState());
            assertTrue(silent.endOfStream(), "the server ends the connection");
            events.assertExhausted();
        }
    }
}
