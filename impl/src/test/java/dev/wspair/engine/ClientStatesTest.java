package dev.wspair.engine;

import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.CONNECTING;
import static dev.wspair.WebSocket.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A client socket's own transitions, one step at a time: scenarios 34-36 (ContractSuite's
 * numbering), the readyState quirk.
 */
class ClientStatesTest {

    private final ManualExecutor executor = new ManualExecutor();
    private final RealWebSocket client = new RealWebSocket(executor, Compatibility.of("2026-11-17"), "ws://h/", DeliveryScope.NONE);
    private final WebSocket shell = EngineProvider.wrap(client);
    private final Recorder events = new Recorder("client", shell, executor::runAll, Duration.ZERO);

    @Test
    void closeWhileConnectingReadsOpenUntilTheEventsArrive() {
        AtomicBoolean cancelled = new AtomicBoolean();
        client.onCancel(() -> cancelled.set(true));
        assertEquals(CONNECTING, shell.readyState());
        shell.close();
        assertTrue(cancelled.get());
        assertEquals(OPEN, shell.readyState(), "workerd's quirk: released, no close flag yet");
        events.expectError("Uncaught Error: Network connection lost.", CLOSED);
        events.expectClose(1006, "Failed to establish websocket connection", false, CLOSED);
        events.assertExhausted();
        assertFalse(client.opened(new SinkTransport(), null, null), "a late connection is dropped");
    }

    @Test
    void aFailedConnectionGivesAnErrorThenClose1006BothAtClosed() {
        client.connectFailed(new WebSocketException(WebSocketException.CONNECTION_LOST));
        assertEquals(OPEN, shell.readyState());
        events.expectError("Uncaught Error: Network connection lost.", CLOSED);
        events.expectClose(1006, "Failed to establish websocket connection", false, CLOSED);
        events.assertExhausted();
    }

    @Test
    void openedSetsTheProtocolThenFiresOpen() {
        assertEquals("", shell.protocol());
        assertTrue(client.opened(new SinkTransport(), "chat", null));
        assertEquals(OPEN, shell.readyState());
        assertEquals("chat", shell.protocol());
        assertEquals(null, shell.extensions());
        assertEquals("open", events.next().event().type());
        events.assertExhausted();
    }
}
