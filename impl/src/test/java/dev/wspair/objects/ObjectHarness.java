package dev.wspair.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.DurableObjectStub;
import dev.wspair.EventType;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.engine.Timeouts;
import dev.wspair.runtime.ApplicationRuntime;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A runtime with a clock the test moves, the {@link Room} namespace, and clients: the client end of
 * each pair the object returns, accepted here, plays the remote client.
 */
final class ObjectHarness implements AutoCloseable {

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** The remote client: the returned end, accepted, with what it received in order. */
    static final class Client {
        final WebSocket socket;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        Client(WebSocket socket) {
            this.socket = socket;
            socket.addEventListener(EventType.MESSAGE,
                    e -> received.add(e.isText() ? e.text() : "binary " + e.length()));
            socket.addEventListener(EventType.CLOSE, e -> received.add("close " + e.code() + " " + e.reason()));
            socket.accept();
        }

        String next() throws InterruptedException {
            return ObjectHarness.next(received, "nothing arrived");
        }
    }

    final MovableClock clock = new MovableClock();
    final ApplicationRuntime runtime;
    final DurableObjectNamespace<Room> rooms;
    final Room.Probe probe = new Room.Probe();

    ObjectHarness() {
        runtime = ApplicationRuntime.builder("objects-test").clock(clock).hibernationTimer(false)
                .settings(name -> name.equals(ObjectRegistry.HIBERNATE_AFTER) ? "PT10S" : null).start();
        rooms = runtime.call(() -> DurableObjectNamespace.of(Room.class));
        Room.PROBES.put(runtime, probe);
    }

    static Request request(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new Request("GET", URI.create("http://localhost/rooms/r"), multi, Map.of(), null);
    }

    Response fetch(String room, Map<String, String> headers) throws Exception {
        DurableObjectStub stub = rooms.getByName(room);
        return runtime.call(() -> stub.fetch(request(headers)));
    }

    Client connect(String room, String tags) throws Exception {
        Response response = fetch(room, tags == null ? Map.of() : Map.of("tags", tags));
        assertEquals(101, response.status());
        return new Client(response.webSocket());
    }

    /** The next entry of the object's log. */
    String logged() throws InterruptedException {
        return next(probe.log, "the object logged nothing");
    }

    /** The next element of {@code queue}, waiting at most {@link Timeouts#EVENT}. */
    static String next(BlockingQueue<String> queue, String ifNone) throws InterruptedException {
        String entry = queue.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        if (entry == null) {
            throw new AssertionError(ifNone);
        }
        return entry;
    }

    @Override
    public void close() {
        runtime.close();
        Room.PROBES.remove(runtime);
    }
}
