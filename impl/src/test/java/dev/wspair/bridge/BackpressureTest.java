package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops reading: the send buffer stays under its limit, the policy (close or reject)
 * or the send timeout fires, and another connection on the same server goes on working.
 */
class BackpressureTest {

    private static final int LIMIT = 1 << 20;
    private static final byte[] CHUNK = new byte[64 * 1024];
    /** Far more than the limit plus what the sockets' buffers can hold. */
    private static final int MAX_SENDS = 2_000;
    /** More bytes than the loopback TCP buffers hold: a peer that stopped reading holds them up. */
    private static final int STUCK = 24 << 20;

    private BridgeHarness harness;

    private void start(Map<String, String> settings) throws Exception {
        settings.forEach(System::setProperty);
        harness = new BridgeHarness();
        settings.keySet().forEach(System::clearProperty);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void overTheLimitTheSocketFailsAndThePeerGets1008AfterWhatWasWritten() throws Exception {
        start(Map.of("wspair.sendBufferLimit", Integer.toString(LIMIT), "wspair.sendTimeout", "PT0S"));
        try (RawClient stalled = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            opened(stalled, events);
            int sent = 0;
            while (w.readyState() == WebSocket.OPEN && sent < MAX_SENDS) {
                w.send(CHUNK);
                sent++;
                assertTrue(w.bufferedAmount() <= LIMIT, "bufferedAmount " + w.bufferedAmount() + " over the limit");
            }
            assertTrue(sent < MAX_SENDS, "the limit never fired");
            Recorder.Seen failed = events.next();
            String message = ((dev.wspair.ErrorEvent) failed.event()).message();
            assertTrue(message.startsWith("Uncaught Error: The send buffer is full: "), message);
            assertEquals(WebSocket.CLOSED, failed.readyState());
            assertOtherConnectionsWork();

            int messages = 0;
            RawClient.Received frame;
            while (!(frame = stalled.next()).isClose()) {
                assertEquals(CHUNK.length, frame.payload().length);
                messages++;
            }
            assertEquals(1008, frame.code());
            assertEquals("send buffer limit exceeded", frame.reason());
            assertTrue(messages < sent, "the messages over the limit were dropped: " + messages + " of " + sent);
        }
    }

    @Test
    void withTheRejectPolicyASendOverTheLimitThrowsAndTheSocketStaysOpen() throws Exception {
        start(Map.of("wspair.sendBufferLimit", Integer.toString(LIMIT), "wspair.sendBufferPolicy", "reject",
                "wspair.sendTimeout", "PT0S"));
        try (RawClient stalled = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            opened(stalled, events);
            IllegalStateException refused = null;
            int sent = 0;
            while (refused == null && sent < MAX_SENDS) {
                try {
                    w.send(CHUNK);
                    sent++;
                } catch (IllegalStateException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "the limit never fired");
            assertTrue(refused.getMessage().startsWith("The send buffer is full: "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("the limit is " + LIMIT + " bytes (wspair.sendBufferLimit)"));
            assertEquals(WebSocket.OPEN, w.readyState());
            assertOtherConnectionsWork();

            for (int i = 0; i < sent; i++) {
                assertEquals(CHUNK.length, stalled.next().payload().length);
            }
            // the peer read everything; the container reports the last writes done a moment later
            Timeouts.until("the send buffer drains", () -> w.bufferedAmount() == 0);
            w.send("after");
            assertEquals("after", stalled.next().text());
        }
    }

    @Test
    void aPeerThatStopsReadingFailsTheSocketAfterTheSendTimeout() throws Exception {
        start(Map.of("wspair.sendTimeout", "PT0.5S", "wspair.sendBufferLimit", Integer.toString(256 << 20)));
        try (RawClient stalled = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            for (int i = 0; i < 512 && w.readyState() == WebSocket.OPEN; i++) {
                w.send(CHUNK);
            }
            events.expectError("Uncaught Error: Nothing could be written for PT0.5S (wspair.sendTimeout): "
                    + "the peer stopped reading", WebSocket.CLOSED);
            assertOtherConnectionsWork();
        }
    }

    @Test
    void ourCloseStuckBehindAPeerThatStopsReadingEndsIn1006AfterTheSendTimeout() throws Exception {
        start(Map.of("wspair.sendTimeout", "PT1S", "wspair.sendBufferLimit", Integer.toString(256 << 20)));
        try (RawClient stalled = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            // one message larger than the loopback TCP buffers, then the Close: two calls, so the
            // Close is queued before the timer can see the data stalled
            w.send(new byte[STUCK]);
            w.close(1000, "done");
            // as for any connection lost after our Close: CLOSING in the listener, CLOSED after it
            events.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, WebSocket.CLOSING);
            // the listener has returned once reading has ended (the recorder saw the event inside it)
            RealWebSocket.of(w).readingEnded().toCompletableFuture().get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(WebSocket.CLOSED, w.readyState());
        }
    }

    @Test
    void anIdleConnectionIsClosedWith1001() throws Exception {
        start(Map.of("wspair.idleTimeout", "PT0.3S"));
        try (RawClient idle = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            RawClient.Received close = idle.next();
            assertEquals(1001, close.code());
            assertEquals("idle timeout", close.reason());
            // as after any Close of its own, the socket reports the peer's answer
            assertEquals(WebSocket.CLOSING, w.readyState());
            idle.sendClose(1001, "idle timeout");
            events.expectClose(1001, "idle timeout", true, WebSocket.CLOSED);
        }
    }

    @Test
    void theKeepalivePingArrivesOnAQuietConnection() throws Exception {
        start(Map.of("wspair.pingInterval", "PT0.2S"));
        try (RawClient quiet = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            w.accept();
            RawClient.Received ping = quiet.next();
            assertEquals(0x9, ping.opcode());
            assertEquals(0, ping.payload().length);
            assertEquals(WebSocket.OPEN, w.readyState());
        }
    }

    /** The connection is up and coupled: the peer's first message arrived. */
    private static void opened(RawClient client, Recorder events) throws Exception {
        client.sendText("ready");
        events.expectText("ready", WebSocket.OPEN);
    }

    private void assertOtherConnectionsWork() throws Exception {
        try (RawClient other = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            w.accept();
            w.addEventListener("message", event -> w.send("echo:" + ((dev.wspair.MessageEvent) event).text()));
            other.sendText("hi");
            assertEquals("echo:hi", other.next().text());
        }
    }
}
