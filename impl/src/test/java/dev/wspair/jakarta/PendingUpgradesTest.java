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
        String id = PendingUpgrades.add(returned, placesGivenBack::incrementAndGet);

        PendingUpgrades.abandonAll();

        server.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, WebSocket.OPEN);
        server.assertExhausted();
        assertNull(PendingUpgrades.take(id));
        org.junit.jupiter.api.Assertions.assertEquals(1, placesGivenBack.get(), "the route's place is given back");
    }
}
