package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.Event;
import dev.wspair.EventListener;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records every event of one socket with the readyState read inside the listener. Tests take
 * events in order with the {@code expect*} methods; {@link #assertExhausted()} fails on any event
 * that was not expected. Before each wait the recorder runs the harness's pump (the manual
 * executor), so the same assertions work with deterministic and with real threads. A recorder
 * that waits for events ({@code wait} above zero: real threads) settles before it checks: it
 * fails on any event that arrives within {@link Timeouts#QUIET}.
 */
public final class Recorder {

    /** One event as a listener saw it. */
    public record Seen(Event event, int readyState) {
        @Override
        public String toString() {
            return event + " at readyState " + readyState;
        }
    }

    private final String name;
    private final WebSocket socket;
    private final Runnable pump;
    private final Duration wait;
    private final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final Map<String, EventListener<Event>> reactions = new ConcurrentHashMap<>();

    public Recorder(String name, WebSocket socket, Runnable pump, Duration wait) {
        this.name = name;
        this.socket = socket;
        this.pump = pump;
        this.wait = wait;
        for (String type : new String[] {"open", "message", "close", "error"}) {
            socket.addEventListener(type, this::record);
        }
    }

    /** Reads readyState first, runs the test's reaction, then publishes the event (so the test sees the reaction's effects). */
    private void record(Event event) throws Exception {
        Seen observed = new Seen(event, event.target().readyState());
        try {
            EventListener<Event> reaction = reactions.get(event.type());
            if (reaction != null) {
                reaction.handleEvent(event);
            }
        } finally {
            seen.add(observed);
        }
    }

    /** Runs {@code reaction} inside the listener, right after the event is recorded. */
    public void onEvent(String type, EventListener<Event> reaction) {
        reactions.put(type, reaction);
    }

    public WebSocket socket() {
        return socket;
    }

    /** The next event, whatever it is; fails when none comes. */
    public Seen next() {
        pump.run();
        try {
            Seen next = seen.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(next, name + ": expected an event, got none");
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public MessageEvent expectText(String text, int readyState) {
        Seen next = next();
        MessageEvent message = assertInstanceOf(MessageEvent.class, next.event(), name + ": " + next);
        assertEquals(text, message.text(), name + ": message text");
        assertEquals(readyState, next.readyState(), name + ": readyState in the message listener");
        return message;
    }

    public MessageEvent expectBinary(byte[] bytes, int readyState) {
        Seen next = next();
        MessageEvent message = assertInstanceOf(MessageEvent.class, next.event(), name + ": " + next);
        assertEquals(java.nio.ByteBuffer.wrap(bytes), message.data(), name + ": binary data");
        assertEquals(readyState, next.readyState(), name + ": readyState in the message listener");
        return message;
    }

    public CloseEvent expectClose(int code, String reason, boolean wasClean, int readyState) {
        Seen next = next();
        CloseEvent close = assertInstanceOf(CloseEvent.class, next.event(), name + ": " + next);
        assertEquals(code, close.code(), name + ": close code");
        assertEquals(reason, close.reason(), name + ": close reason");
        assertEquals(wasClean, close.wasClean(), name + ": wasClean");
        assertEquals(readyState, next.readyState(), name + ": readyState in the close listener");
        return close;
    }

    public ErrorEvent expectError(String message, int readyState) {
        Seen next = next();
        ErrorEvent error = assertInstanceOf(ErrorEvent.class, next.event(), name + ": " + next);
        assertEquals(message, error.message(), name + ": error message");
        assertEquals(readyState, next.readyState(), name + ": readyState in the error listener");
        return error;
    }

    /**
     * Fails if any event arrived that no expect* call took. With a manual executor the pump has
     * delivered everything, so one look suffices; on real threads an unexpected event may still be
     * on its way, so the recorder waits for {@link Timeouts#QUIET} of silence on its own queue.
     */
    public void assertExhausted() {
        pump.run();
        Duration quiet = wait.isZero() ? Duration.ZERO : Timeouts.QUIET;
        try {
            Seen late = seen.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertNull(late, name + ": unexpected event");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
