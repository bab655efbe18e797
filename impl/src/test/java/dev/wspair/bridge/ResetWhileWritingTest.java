package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.CloseEvent;
import dev.wspair.Compatibility;
import dev.wspair.ErrorEvent;
import dev.wspair.WebSocket;
import dev.wspair.engine.Messages;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A write fails and the bridge itself closes the container session (its release): the socket
 * still gets exactly one close event, that of a lost connection (1006, wasClean false), after its
 * error event, as in workerd. Tyrus reports the end of a session closed by us inside our own close
 * call, on our thread, and never again; that report used to be dropped (one socket in a thousand
 * of {@link BridgedStressTest} ended CLOSED after "Connection is not open." without a close event:
 * a write found the TCP connection gone before Tyrus did, and the bridge's close reached Tyrus first).
 */
class ResetWhileWritingTest {

    private BridgeHarness harness;

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    /** Deterministic: the send buffer's limit fails the socket; the bridge closes with 1008. */
    @Test
    void aSocketFailedByItsSendBufferGetsTheErrorThenClose1006() throws Exception {
        Map<String, String> settings = Map.of("wspair.sendBufferLimit", Integer.toString(1 << 20), "wspair.sendTimeout", "PT0S");
        settings.forEach(System::setProperty);
        try {
            harness = new BridgeHarness();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
        try (RawClient stalled = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            // coupled to the connection first: before that, sends go to the pair's own buffer
            stalled.sendText("ready");
            events.expectText("ready", WebSocket.OPEN);
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < 2_000 && w.readyState() == WebSocket.OPEN; sent++) {
                w.send(chunk);
            }
            ErrorEvent error = (ErrorEvent) events.next().event();
            assertTrue(error.message().startsWith("Uncaught Error: The send buffer is full: "), error.message());
            events.expectClose(1006, Messages.LOST_REASON, false, WebSocket.CLOSED);
            events.assertExhausted();
        }
    }

    /**
     * The peer resets TCP while the container's reader thread is inside a message listener, and
     * the listener writes: the write fails, and whichever of the container and the bridge closes the
     * session first, the socket gets close 1006 (an error event before it is allowed, not required).
     */
    @Test
    void aWriteAfterThePeerResetEndsInClose1006() throws Exception {
        harness = new BridgeHarness();
        try (RawClient peer = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            CountDownLatch inListener = new CountDownLatch(1);
            CountDownLatch reset = new CountDownLatch(1);
            events.onEvent("message", event -> {
                inListener.countDown();
                assertTrue(reset.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "the peer reset");
                for (int i = 0; i < 100; i++) {
                    w.send("after the reset " + i);
                }
            });
            w.accept();
            peer.sendText("write now");
            assertTrue(inListener.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "the message arrived");
            peer.reset();
            reset.countDown();
            events.expectText("write now", WebSocket.OPEN);
            Recorder.Seen next = events.next();
            if (next.event() instanceof ErrorEvent) {
                next = events.next();
            }
            CloseEvent close = (CloseEvent) next.event();
            assertEquals(1006, close.code(), next.toString());
            assertEquals(Messages.LOST_REASON, close.reason());
            assertEquals(false, close.wasClean());
            events.assertExhausted();
        }
    }
}
