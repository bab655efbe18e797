package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Returning one end in a 101 response: the other end then talks to the network directly. */
class CouplingTest {

    private final ManualExecutor executor = new ManualExecutor();
    private final WebSocketPair pair = new Engine(executor, Compatibility.of("2026-11-17")).newPair();
    private final SinkTransport network = new SinkTransport();

    @Test
    void whatTheServerSentBeforeTheResponseGoesOutFirstThenTheRest() {
        WebSocket server = pair.server();
        server.accept();
        server.send("welcome");
        server.send(new byte[] {7});

        RealWebSocket fed = RealWebSocket.of(pair.client()).coupleTo(network);
        server.send("next");
        server.close(4000, "done");

        assertSame(RealWebSocket.of(server), fed);
        assertEquals(List.of("TEXT[7 bytes]", "BINARY[1 bytes]", "TEXT[4 bytes]", "CLOSE[4000, done]"),
                network.written.stream().map(Frame::toString).collect(Collectors.toList()));
    }

    @Test
    void framesFromTheNetworkReachTheServerEnd() {
        WebSocket server = pair.server();
        Recorder events = new Recorder("server", server, executor::runAll, Duration.ZERO);
        server.accept();
        RealWebSocket fed = RealWebSocket.of(pair.client()).coupleTo(network);

        fed.receive(Frame.text("hello"));
        fed.receive(Frame.close(1000, "bye"));

        events.expectText("hello", WebSocket.OPEN);
        events.expectClose(1000, "bye", true, WebSocket.CLOSED);
        events.assertExhausted();
        assertEquals("CLOSE[1000, bye]", network.written.get(0).toString(), "the echo goes to the network");
    }

    @Test
    void theReturnedEndIgnoresSendAndCloseAndStaysOpen() {
        pair.server().accept();
        RealWebSocket.of(pair.client()).coupleTo(network);
        WebSocket client = pair.client();

        client.send("ignored");
        client.close(1000);

        assertEquals(WebSocket.OPEN, client.readyState());
        assertTrue(network.written.isEmpty());
    }

    @Test
    void theConnectionIsReleasedOnceBothCloseFramesWent() {
        WebSocket server = pair.server();
        server.accept();
        RealWebSocket fed = RealWebSocket.of(pair.client()).coupleTo(network);

        server.close(1000);
        fed.closeDelivered();
        fed.receive(Frame.close(1000, ""));
        executor.runAll();

        assertTrue(network.released);
        assertEquals(WebSocket.CLOSED, server.readyState());
    }
}
