package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.CloseEvent;
import dev.wspair.Compatibility;
import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server closes while the client's Close is on its way: the two cross on the wire. Repeated,
 * since it is a race between the engine's thread and the container's read thread.
 */
class SimultaneousCloseTest {

    private static final int ROUNDS = 200;
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
    void exactlyOneCloseFrameGoesOutWithTheServersCodeAndTheEventIsWorkerdsOrTheOwnCode() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            try (RawClient client = harness.connectRaw(Compatibility.of("2026-11-17"))) {
                WebSocket w = harness.nextServerEnd();
                CompletableFuture<CloseEvent> closed = new CompletableFuture<>();
                w.addEventListener(EventType.MESSAGE, event -> w.close(1000, "a"));
                w.addEventListener(EventType.CLOSE, closed::complete);
                w.accept();
                client.sendTextAndClose("close now", 4000, "b");

                RawClient.Received frame = client.next();
                assertEquals(1000, frame.code(), "round " + round + ": the client gets the server's Close");
                assertEquals("a", frame.reason());
                assertTrue(client.endOfStream(), "round " + round + ": one Close frame, then the end");
                CloseEvent event = closed.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
                String seen = event.code() + " " + event.reason();
                assertTrue(seen.equals("4000 b") || seen.equals("1000 a"), "round " + round + ": close event " + seen);
                assertEquals(WebSocket.CLOSED, w.readyState());
            }
        }
    }
}
