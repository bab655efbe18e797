package dev.wspair.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketException;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.objects.ObjectHarness.Client;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Hibernation API on in-memory pairs: tags, listing order, broadcast, closing, failing handlers
 * and every misuse, with the messages workerd 1.20261117.1 gave (src-it/workerd/OBJECTS-OBSERVED.md,
 * and scenario 48 of the semantics notes).
 */
class HibernationApiTest {

    private final ObjectHarness objects = new ObjectHarness();

    @AfterEach
    void close() {
        objects.close();
    }

    @Test
    void listsNewestFirstAndByTagInAcceptanceOrderAndBroadcastsToATag() throws Exception {
        Client a = objects.connect("r", "room,x");
        Client b = objects.connect("r", "room");
        Client c = objects.connect("r", null);

        c.socket.send("list");
        assertEquals("message list rs1", objects.logged());
        assertEquals("|room|room,x / room,x|room", c.next(), "tags of getWebSockets() / getWebSockets(\"room\")");

        a.socket.send("room:to room");
        assertEquals("room:to room", a.next());
        assertEquals("room:to room", b.next());
        c.socket.send("ping");
        assertEquals("echo ping", c.next(), "c got nothing of the room's message before its own echo");
        assertEquals(1, objects.probe.constructed.get(), "one instance for the name");
    }

    @Test
    void tagsDropDuplicatesAndKeepOrder() throws Exception {
        String tag256 = "x".repeat(256);
        Client a = objects.connect("r", tag256 + ",d,d");
        a.socket.send("list");
        objects.logged();
        assertEquals(tag256 + ",d / ", a.next());
    }

    @Test
    void tagLimitsAreWorkerdsWithItsMessages() {
        String eleven = IntStream.range(0, 11).mapToObj(i -> "t" + i).collect(Collectors.joining(","));
        assertError("a Hibernatable WebSocket cannot have more than 10 tags", Map.of("tags", eleven));
        String tenAndADuplicate = IntStream.range(0, 10).mapToObj(i -> "t" + i).collect(Collectors.joining(",")) + ",t0";
        assertError("a Hibernatable WebSocket cannot have more than 10 tags", Map.of("tags", tenAndADuplicate));
        String tag257 = "x".repeat(257);
        assertError("\"" + tag257 + "\" is longer than the max tag length (256 characters).", Map.of("tags", tag257));
        String accents = "é".repeat(129);
        assertError("\"" + accents + "\" is longer than the max tag length (256 characters).", Map.of("tags", accents));
    }

    @Test
    void acceptMisuseIsWorkerds() {
        assertError("Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`",
                Map.of("op", "acceptTwice"));
        assertError("Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`",
                Map.of("op", "acceptedFirst"));
        assertError("only hibernatable websockets can have tags.", Map.of("op", "tagsOfAccepted"));
        assertError("you must call 'acceptWebSocket()' before attempting to access the tags of a WebSocket.",
                Map.of("op", "tagsOfUnaccepted"));
        IllegalStateException accept = assertThrows(IllegalStateException.class,
                () -> objects.fetch("r", Map.of("op", "acceptThenAccept")));
        assertEquals("Can't accept() WebSocket after enabling hibernation.", accept.getMessage());
    }

    @Test
    void anAcceptWebSocketedSocketCannotBeReturned() throws Exception {
        Response response = objects.fetch("r", Map.of("op", "returnServer"));
        IllegalStateException returned = assertThrows(IllegalStateException.class,
                () -> RealWebSocket.of(response.webSocket()).reserveForResponse());
        assertEquals("Can't return WebSocket in a Response after calling acceptWebSocket().", returned.getMessage());
    }

    @Test
    void autoResponseSizesAreCheckedInBytes() throws Exception {
        IllegalArgumentException request = assertThrows(IllegalArgumentException.class, () -> objects.fetch("r",
                Map.of("op", "autoResponse", "request", "q".repeat(2049), "response", "p")));
        assertEquals("Request cannot be larger than 2048 bytes. A request of size 2049 was provided.", request.getMessage());
        IllegalArgumentException accents = assertThrows(IllegalArgumentException.class, () -> objects.fetch("r",
                Map.of("op", "autoResponse", "request", "é".repeat(1025), "response", "p")));
        assertEquals("Request cannot be larger than 2048 bytes. A request of size 2050 was provided.", accents.getMessage());
        IllegalArgumentException response = assertThrows(IllegalArgumentException.class, () -> objects.fetch("r",
                Map.of("op", "autoResponse", "request", "q", "response", "p".repeat(2049))));
        assertEquals("Response cannot be larger than 2048 bytes. A response of size 2049 was provided.",
                response.getMessage());
        assertEquals("set", objects.fetch("r", Map.of("op", "autoResponse", "request", "q".repeat(2048),
                "response", "p".repeat(2048))).body());
    }

    @Test
    void aClientCloseIsNotAnsweredAndTheSocketIsListedDuringItsHandlerOnly() throws Exception {
        Client a = objects.connect("r", "t");
        Client b = objects.connect("r", null);
        a.socket.close(4001, "bye");
        assertEquals("close 4001 bye true rs2 listed=true tags=[t]", objects.logged());
        // The handler's send arrives: no Close went out before it (the client would have stopped reading).
        assertEquals("late", a.next());
        assertEquals(WebSocket.CLOSING, a.socket.readyState());
        b.socket.send("list");
        objects.logged();
        assertEquals(" / ", b.next(), "a is no more listed after its close handler");
    }

    @Test
    void aLostConnectionGivesWebSocketCloseWith1006AtReadyStateClosing() throws Exception {
        Client a = objects.connect("r", "t");
        RealWebSocket.of(a.socket).abandon();
        assertEquals("close 1006 WebSocket disconnected without sending Close frame. false rs2 listed=true tags=[t]",
                objects.logged());
    }

    @Test
    void aHandlerThatThrowsFailsItsSocketOnlyAndTheObjectGoesOn() throws Exception {
        Client a = objects.connect("r", "room");
        Client b = objects.connect("r", "room");
        a.socket.send("throw");
        assertEquals("message throw rs1", objects.logged());
        assertEquals("error IllegalStateException: boom rs2 listed=true", objects.logged());
        b.socket.send("list");
        objects.logged();
        assertEquals("room / room", b.next());
        assertEquals(1, objects.probe.constructed.get());
    }

    @Test
    void theObjectClosesItsSocketAndTheClientsReplyEndsIt() throws Exception {
        Client a = objects.connect("r", null);
        a.socket.send("close");
        objects.logged();
        assertEquals("close 4002 srv", a.next(), "the client answered the Close (its default)");
        assertEquals("close 4002 srv true rs3 listed=true tags=[]", objects.logged());
    }

    @Test
    void callsRunOneAtATimeInArrivalOrder() throws Exception {
        Client a = objects.connect("r", null);
        Client b = objects.connect("r", null);
        for (int i = 0; i < 200; i++) {
            a.socket.send("a" + i);
            b.socket.send("b" + i);
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("echo a" + i, a.next());
            assertEquals("echo b" + i, b.next());
        }
        assertEquals(1, objects.probe.maxInFlight.get(), "never two calls of the object at once");
    }

    @Test
    void sameNameSameObjectAndIdsRoundTrip() throws Exception {
        assertEquals(objects.rooms.idFromName("r"), objects.rooms.idFromName("r"));
        assertTrue(!objects.rooms.idFromName("r").equals(objects.rooms.idFromName("s")));
        String text = objects.rooms.newUniqueId().toString();
        assertEquals(text, objects.rooms.idFromString(text.toUpperCase()).toString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> objects.rooms.idFromString("xyz"));
        assertEquals("Invalid Durable Object ID: must be 64 hex digits", bad.getMessage());
        objects.connect("r", null);
        objects.connect("r", null);
        objects.connect("s", null);
        assertEquals(2, objects.probe.constructed.get());
    }

    private void assertError(String message, Map<String, String> headers) {
        WebSocketException thrown = assertThrows(WebSocketException.class, () -> objects.fetch("r", headers));
        assertEquals(message, thrown.getMessage());
    }
}
