package dev.wspair.engine;

import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketException;
import dev.wspair.WebSocketPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only an in-memory pair shows, as observed in workerd 1.20261117.1: an end that dies with
 * frames of its peer unread makes the peer's writing fail first, and listeners keep running after
 * one throws from 2026-09-15 on.
 */
class PairLossTest {

    private final ManualExecutor executor = new ManualExecutor();

    private WebSocketPair pair(String date) {
        return new Engine(executor, Compatibility.of(date)).newPair();
    }

    @Test
    void framesInFlightWhenTheOtherEndFailsGiveAnErrorThenTheLostClose() {
        WebSocketPair pair = pair("2026-11-17");
        Recorder server = new Recorder("s", pair.server(), executor::runAll, Duration.ZERO);
        Recorder client = new Recorder("c", pair.client(), executor::runAll, Duration.ZERO);
        server.onEvent("message", event -> {
            throw new IllegalStateException("boom");
        });
        pair.server().accept();
        pair.client().accept();
        pair.client().send("boom");
        pair.client().send("three");

        server.expectText("boom", OPEN);
        server.expectError("Uncaught IllegalStateException: boom", CLOSED);
        var lost = client.expectError("Uncaught Error: Network connection lost.", CLOSED);
        assertEquals(WebSocketException.class, lost.error().getClass());
        client.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, CLOSED);
        server.assertExhausted();
        client.assertExhausted();
    }

    @Test
    void nothingInFlightGivesOnlyTheLostClose() {
        WebSocketPair pair = pair("2026-11-17");
        Recorder client = new Recorder("c", pair.client(), executor::runAll, Duration.ZERO);
        pair.server().accept();
        pair.client().accept();
        RealWebSocket.of(pair.server()).abandon();

        client.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, OPEN);
        client.assertExhausted();
        assertEquals(WebSocket.CLOSING, pair.client().readyState());
    }

    @Test
    void fromSeptember2026TheListenersAfterAThrowingOneStillRun() {
        assertEquals(List.of("throws", "second"), listenersCalledWhenTheFirstThrows("2026-09-15"));
        assertEquals(List.of("throws"), listenersCalledWhenTheFirstThrows("2026-09-14"));
    }

    private List<String> listenersCalledWhenTheFirstThrows(String date) {
        WebSocketPair pair = pair(date);
        List<String> called = new ArrayList<>();
        pair.server().addEventListener("message", event -> {
            called.add("throws");
            throw new IllegalStateException("boom");
        });
        pair.server().addEventListener("message", event -> called.add("second"));
        pair.server().accept();
        pair.client().accept();
        pair.client().send("x");
        pair.client().send("never delivered");
        executor.runAll();
        return called;
    }
}
