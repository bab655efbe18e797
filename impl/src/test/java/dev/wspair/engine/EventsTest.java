package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wspair.CloseEvent;
import dev.wspair.Compatibility;
import dev.wspair.EventListener;
import dev.wspair.EventType;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listener registration and dispatch, the pair's ends, and bufferedAmount. */
class EventsTest {

    private final ManualExecutor executor = new ManualExecutor();
    private final WebSocketPair pair = new Engine(executor, Compatibility.of("2026-09-14")).newPair();
    private final WebSocket client = pair.client();
    private final WebSocket server = pair.server();
    private final List<String> log = new ArrayList<>();

    @Test
    void thePairHasTheClientEndFirstAndTheServerEndSecond() {
        assertSame(client, pair.get(0));
        assertSame(server, pair.get(1));
        assertEquals(List.of(client, server), pair.values());
        List<WebSocket> iterated = new ArrayList<>();
        pair.forEach(iterated::add);
        assertEquals(List.of(client, server), iterated);
        assertThrows(IndexOutOfBoundsException.class, () -> pair.get(2));
        assertEquals(null, server.url());
        assertEquals("", server.protocol());
        assertEquals("", server.extensions());
    }

    @Test
    void nothingIsDeliveredFromInsideSend() {
        server.addEventListener("message", event -> log.add("message"));
        server.accept();
        client.accept();
        client.send("x");
        assertEquals(List.of(), log);
        executor.runAll();
        assertEquals(List.of("message"), log);
    }

    @Test
    void theSameListenerAddedTwiceRunsOnceAndRemovedNeverRuns() {
        EventListener<MessageEvent> listener = event -> log.add(event.text());
        server.addEventListener(EventType.MESSAGE, listener);
        server.addEventListener(EventType.MESSAGE, listener);
        server.accept();
        client.accept();
        client.send("once");
        executor.runAll();
        server.removeEventListener(EventType.MESSAGE, listener);
        client.send("never");
        executor.runAll();
        assertEquals(List.of("once"), log);
    }

    @Test
    void aListenerAddedDuringDispatchWaitsForTheNextEvent() {
        server.addEventListener("message", event -> {
            log.add("first:" + ((MessageEvent) event).text());
            server.addEventListener("message", later -> log.add("added:" + ((MessageEvent) later).text()));
        });
        server.accept();
        client.accept();
        client.send("a");
        client.send("b");
        executor.runAll();
        assertEquals(List.of("first:a", "first:b", "added:b"), log);
    }

    @Test
    void aThrowingListenerStopsTheListenersAfterItAndTheSocketReportsOneError() {
        server.addEventListener("message", event -> {
            log.add("throws");
            throw new java.io.IOException("disk full");
        });
        server.addEventListener("message", event -> log.add("never called"));
        server.addEventListener(EventType.ERROR, event -> log.add(event.message()));
        server.accept();
        client.accept();
        client.send("a");
        client.send("b");
        executor.runAll();
        assertEquals(List.of("throws", "Uncaught IOException: disk full"), log);
    }

    @Test
    void aThrowingCloseListenerIsReportedAfterTheCloseEvent() {
        Recorder events = new Recorder("server", server, executor::runAll, Duration.ZERO);
        events.onEvent("close", event -> {
            throw new IllegalArgumentException("bad close handling");
        });
        server.accept();
        client.accept();
        client.close(1000, "bye");
        events.expectClose(1000, "bye", true, WebSocket.CLOSED);
        events.expectError("Uncaught IllegalArgumentException: bad close handling", WebSocket.CLOSED);
        events.assertExhausted();
    }

    @Test
    void typedListenersReceiveTypedEvents() {
        List<CloseEvent> closes = new ArrayList<>();
        server.addEventListener(EventType.CLOSE, closes::add);
        server.addEventListener("custom", event -> log.add("never fires"));
        server.accept();
        client.accept();
        client.close(4000, "x");
        executor.runAll();
        assertEquals(4000, closes.get(0).code());
        assertSame(server, closes.get(0).target());
        assertEquals(List.of(), log);
    }

    @Test
    void bufferedAmountCountsUtf8BytesUntilTheOtherEndReadsThem() {
        client.accept();
        client.send("héllo");
        client.send(new byte[10]);
        assertEquals(16, client.bufferedAmount());
        server.accept();
        executor.runAll();
        assertEquals(0, client.bufferedAmount());
    }
}
