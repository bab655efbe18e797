package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@code readingEnded()}, whose future is made only when asked for (idle sockets keep none): it
 * completes once the close event was delivered, whether asked before or after.
 */
class ReadingEndedTest {

    private final ManualExecutor executor = new ManualExecutor();
    private final WebSocketPair pair = new Engine(executor, Compatibility.of("2026-11-17")).newPair();
    private final SinkTransport network = new SinkTransport();

    @Test
    void askedBeforeTheCloseItCompletesWhenTheCloseEventWasDelivered() {
        WebSocket server = pair.server();
        server.accept();
        RealWebSocket fed = RealWebSocket.of(pair.client()).coupleTo(network);
        CompletableFuture<Void> ended = fed.readingEnded().toCompletableFuture();

        fed.receive(Frame.close(1000, "bye"));
        assertFalse(ended.isDone(), "nothing delivered yet");
        executor.runAll();

        assertTrue(ended.isDone());
    }

    @Test
    void askedAfterTheCloseEventItIsComplete() {
        WebSocket server = pair.server();
        server.accept();
        RealWebSocket fed = RealWebSocket.of(pair.client()).coupleTo(network);

        fed.receive(Frame.lost());
        executor.runAll();

        assertTrue(fed.readingEnded().toCompletableFuture().isDone());
    }

    @Test
    void aSocketNeverAcceptedDeliversNothingAndIsCompleteAtOnce() {
        assertTrue(RealWebSocket.of(pair.server()).readingEnded().toCompletableFuture().isDone());
    }
}
