package dev.wspair.jakarta;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import org.junit.jupiter.api.Test;

/** A response whose connection never opens: the server end learns that the connection is lost. */
class PendingUpgradesTest {

    @Test
    void anUpgradeThatNeverOpensLeavesTheServerEndWithALostConnection() {
        WebSocketPair pair = new WebSocketPair();
        Recorder server = new Recorder("server", pair.server(), () -> { }, Timeouts.EVENT);
        pair.server().accept();
        RealWebSocket returned = RealWebSocket.of(pair.client());
        returned.reserveForResponse();
        java.util.concurrent.atomic.AtomicInteger placesGivenBack = new java.util.concurrent.atomic.AtomicInteger();
        PendingUpgrades pending = new PendingUpgrades();
        String id = pending.add(returned, placesGivenBack::incrementAndGet);

        pending.abandonAll();

        server.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, WebSocket.OPEN);
        server.assertExhausted();
        assertNull(pending.take(id));
        org.junit.jupiter.api.Assertions.assertEquals(1, placesGivenBack.get(), "the route's place is given back");
    }
}
