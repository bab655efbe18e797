package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * workerd's trailing error event on the server end of a real connection (README, row D3): after
 * the socket answered the client's Close, and only if it had received a message.
 */
class TrailingErrorTest {

    private static final Compatibility AUTO = Compatibility.of("2026-11-17");
    private static final String LOST = "Uncaught Error: Network connection lost.";
    private static final int CLOSE_OPCODE = 8;

    private static BridgeHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new BridgeHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void afterAMessageTheAutomaticReplyIsFollowedByTheError() throws Exception {
        try (RawClient client = harness.connectRaw(AUTO)) {
            Recorder events = serverEnd(AcceptOptions.DEFAULT);
            receivedMessage(client, events);
            client.sendClose(1000, "end");
            events.expectClose(1000, "end", true, WebSocket.CLOSED);
            events.expectError(LOST, WebSocket.CLOSED);
            assertEquals(CLOSE_OPCODE, client.next().opcode(), "the client got the echo");
            events.assertExhausted();
        }
    }

    @Test
    void withoutAMessageTheAutomaticReplyIsTheEnd() throws Exception {
        try (RawClient client = harness.connectRaw(AUTO)) {
            Recorder events = serverEnd(AcceptOptions.DEFAULT);
            client.sendClose(1000, "end");
            events.expectClose(1000, "end", true, WebSocket.CLOSED);
            assertEquals(CLOSE_OPCODE, client.next().opcode(), "the client got the echo");
            events.assertExhausted();
        }
    }

    @Test
    void inHalfOpenModeTheErrorFollowsTheApplicationsClose() throws Exception {
        try (RawClient client = harness.connectRaw(AUTO)) {
            Recorder events = serverEnd(AcceptOptions.allowHalfOpen(true));
            receivedMessage(client, events);
            client.sendClose(4000, "x");
            events.expectClose(4000, "x", true, WebSocket.CLOSING);
            events.socket().close(1000, "done");
            events.expectError(LOST, WebSocket.CLOSED);
            assertEquals(CLOSE_OPCODE, client.next().opcode(), "the client got the application's Close");
            events.assertExhausted();
        }
    }

    @Test
    void aSocketThatClosedFirstGetsNoError() throws Exception {
        try (RawClient client = harness.connectRaw(AUTO)) {
            Recorder events = serverEnd(AcceptOptions.DEFAULT);
            receivedMessage(client, events);
            events.socket().close(1000, "bye");
            assertEquals(CLOSE_OPCODE, client.next().opcode(), "the client got the server's Close");
            client.sendClose(1000, "bye");
            events.expectClose(1000, "bye", true, WebSocket.CLOSED);
            events.assertExhausted();
        }
    }

    /** The next server end, accepted with {@code options}, with a recorder of its events. */
    private static Recorder serverEnd(AcceptOptions options) throws InterruptedException {
        WebSocket w = harness.nextServerEnd();
        Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
        w.accept(options);
        return events;
    }

    private static void receivedMessage(RawClient client, Recorder events) throws Exception {
        client.sendText("a");
        events.expectText("a", WebSocket.OPEN);
    }
}
