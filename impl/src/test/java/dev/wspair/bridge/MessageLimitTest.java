package dev.wspair.bridge;

import dev.wspair.testkit.RawClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A message over the size limit: the peer gets 1009 with workerd's text, the socket an error event. */
class MessageLimitTest {

    private static final int LIMIT = 64 * 1024;
    private static BridgeHarness harness;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("wspair.maxMessageSize", Integer.toString(LIMIT));
        harness = new BridgeHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
        System.clearProperty("wspair.maxMessageSize");
    }

    @Test
    void aMessageAtTheLimitArrivesAndOneByteMoreEndsTheSocket() throws Exception {
        try (RawClient client = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            client.send(0x82, new byte[LIMIT]);
            events.expectBinary(new byte[LIMIT], WebSocket.OPEN);
            client.send(0x82, new byte[LIMIT + 1]);

            String description = "Message is too large: " + (LIMIT + 1) + " > " + LIMIT;
            events.expectError("Uncaught Error: WebSocket protocol error; protocolError.statusCode = 1009; "
                    + "protocolError.description = " + description, WebSocket.CLOSED);
            RawClient.Received close = client.next();
            assertEquals(1009, close.code());
            assertEquals(description, close.reason());
            events.assertExhausted();
        }
    }
}
