package dev.wspair.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketException;
import dev.wspair.WebSocketPair;
import dev.wspair.engine.Timeouts;
import dev.wspair.objects.ObjectHarness.Client;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernation driven by hand: the clock moves only when the test moves it, and only the test calls
 * {@code hibernateIdle()} (the runtime's timer is off). Auto-responses and attachments, which live outside the instance.
 */
class HibernationTest {

    private final ObjectHarness objects = new ObjectHarness();

    @AfterEach
    void close() {
        objects.close();
    }

    /** The object's last call has returned (its log entry and reply come before its end). */
    private void untilIdle() {
        ObjectActor actor = ((ObjectNamespace<Room>) objects.rooms).actor(objects.rooms.idFromName("r"));
        Timeouts.until("the object finished its calls", actor::idle);
    }

    private ObjectRegistry registry() {
        return objects.runtime.objects();
    }

    @Test
    void anIdleObjectIsDroppedAndTheNextEventCreatesItAgainWithItsSocketsTagsAndAttachments() throws Exception {
        Client a = objects.connect("r", "room");
        Client b = objects.connect("r", "room");
        a.socket.send("attach:kept");
        assertEquals("message attach:kept rs1", objects.logged());
        a.socket.send("auto:ping:pong");
        assertEquals("message auto:ping:pong rs1", objects.logged());
        assertEquals("auto set", a.next());
        untilIdle();
        assertEquals(0, registry().hibernateIdle(), "not idle long enough");

        objects.clock.advance(Duration.ofSeconds(10));
        assertEquals(1, registry().hibernateIdle());
        assertFalse(registry().awake(Room.class, objects.rooms.idFromName("r")));
        WeakReference<Room> first = objects.probe.instances.get(0);
        Timeouts.until("the dropped instance is collected", () -> {
            System.gc();
            return first.get() == null;
        });

        // An auto-response does not wake the object.
        a.socket.send("ping");
        assertEquals("pong", a.next());
        assertFalse(registry().awake(Room.class, objects.rooms.idFromName("r")));
        assertEquals(1, objects.probe.constructed.get());

        // A message does: a new instance, the same sockets, tags, attachment and auto-response.
        a.socket.send("attachment");
        assertEquals("message attachment rs1", objects.logged());
        assertEquals("{v=kept}", a.next());
        assertEquals(2, objects.probe.constructed.get());
        b.socket.send("list");
        objects.logged();
        assertEquals("room|room / room|room", b.next());
        b.socket.send("ping");
        assertEquals("pong", b.next());
        a.socket.send("stamp");
        objects.logged();
        assertEquals(objects.clock.instant().toString(), a.next());
    }

    @Test
    void aBusyOrRecentlyBusyObjectStaysAwake() throws Exception {
        Client a = objects.connect("r", null);
        objects.clock.advance(Duration.ofSeconds(9));
        a.socket.send("hi");
        assertEquals("echo hi", a.next());
        untilIdle();
        objects.clock.advance(Duration.ofSeconds(9));
        assertEquals(0, registry().hibernateIdle(), "9 s since the last call");
        objects.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, registry().hibernateIdle());
        assertEquals(0, registry().hibernateIdle(), "already hibernated");
    }

    @Test
    void aSocketTheObjectAcceptsItselfRunsInItsCallsAndKeepsItInMemoryUntilItsLastEvent() throws Exception {
        Client plain = new Client(objects.fetch("r", Map.of("op", "plain")).webSocket());
        plain.socket.send("hi");
        assertEquals("plain hi inCall=true", plain.next(), "its listener runs in one of the object's calls");
        untilIdle();
        objects.clock.advance(Duration.ofSeconds(10));
        assertEquals(0, registry().hibernateIdle(), "the socket's listeners hold the instance");
        assertTrue(registry().awake(Room.class, objects.rooms.idFromName("r")));

        plain.socket.close(1000, "bye");
        assertEquals("plain close 1000 bye", objects.logged());
        untilIdle();
        objects.clock.advance(Duration.ofSeconds(10));
        assertEquals(1, registry().hibernateIdle(), "after the socket's last event");
        assertEquals(1, objects.probe.constructed.get());
    }

    @Test
    void autoResponseMatchesExactTextOnlyAndRecordsTheTimeWithoutAHandler() throws Exception {
        Client a = objects.connect("r", null);
        Client b = objects.connect("r", null);
        a.socket.send("stamp");
        objects.logged();
        assertEquals("null", a.next(), "no timestamp before a match");
        a.socket.send("auto:ping:pong");
        objects.logged();
        assertEquals("auto set", a.next(), "the auto-response is set before the ping is sent");
        a.socket.send("ping");
        assertEquals("pong", a.next());
        a.socket.send("PING");
        assertEquals("message PING rs1", objects.logged(), "the ping before it reached no handler");
        assertEquals("echo PING", a.next());
        a.socket.send("ping".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("binary 4", objects.logged());
        assertEquals("binary 4", a.next());
        a.socket.send("stamp");
        objects.logged();
        assertEquals(objects.clock.instant().toString(), a.next());
        b.socket.send("stamp");
        objects.logged();
        assertEquals("null", b.next(), "b never matched");
    }

    @Test
    void aSocketsNextFrameIsReadOnlyAfterItsMessageWasHandledSoASetOrUnsetAppliesToTheFramesAfterIt() throws Exception {
        Client a = objects.connect("r", null);
        a.socket.send("auto:ping:pong");
        a.socket.send("ping");
        assertEquals("auto set", a.next());
        assertEquals("pong", a.next(), "set by the message before it");
        a.socket.send("unauto");
        a.socket.send("ping");
        assertEquals("message auto:ping:pong rs1", objects.logged());
        assertEquals("message unauto rs1", objects.logged());
        assertEquals("message ping rs1", objects.logged(), "unset by the message before it");
        assertEquals("echo ping", a.next());
    }

    @Test
    void anAttachmentIsACopyWithWorkerdsLimit() throws Exception {
        WebSocketPair pair = objects.runtime.call(WebSocketPair::new);
        WebSocket socket = pair.server();
        assertNull(socket.deserializeAttachment());
        Map<String, Object> value = new HashMap<>(Map.of("n", 1, "l", List.of(true, "s")));
        socket.serializeAttachment(value);
        value.put("n", 2);
        Object first = socket.deserializeAttachment();
        assertEquals(Map.of("n", java.math.BigDecimal.ONE, "l", List.of(true, "s")), first);
        assertNotSame(first, socket.deserializeAttachment());

        WebSocketException tooLarge = assertThrows(WebSocketException.class,
                () -> socket.serializeAttachment("z".repeat(16385)));
        // N counts the JSON's bytes (16385 + 2 quotes); workerd counted V8's (16391).
        assertEquals("A WebSocket 'attachment' cannot be larger than 16384 bytes.'attachment' was 16387 bytes.",
                tooLarge.getMessage());
        assertEquals(first, socket.deserializeAttachment(), "the previous value is kept");
        socket.serializeAttachment("z".repeat(16382));
        assertEquals(16382, socket.deserializeAttachment(String.class).length());
        socket.serializeAttachment(null);
        assertNull(socket.deserializeAttachment());
        assertTrue(pair.client().deserializeAttachment() == null, "the other end has its own");
    }
}
