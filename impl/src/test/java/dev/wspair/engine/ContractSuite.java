package dev.wspair.engine;

import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.CLOSING;
import static dev.wspair.WebSocket.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.InvalidAccessException;
import dev.wspair.MessageEvent;
import dev.wspair.SyntaxException;
import dev.wspair.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of workerd's WebSocket, scenario by scenario. The numbers in the display names are
 * the project's scenario numbers, shared with {@code ClientTest} (32-38), the README and the
 * differential scenarios ({@code §5 #N} in {@code Scenarios}). W is the socket under test (a pair's server end,
 * or the server end in a container); P is its peer. Written once, run on several harnesses: the
 * in-memory pair with a manual executor, the pair on real threads, and the bridge over real
 * sockets. Every test ends by checking that neither side saw an event it did not expect.
 */
public abstract class ContractSuite {

    protected static final Compatibility AUTO = Compatibility.of("2026-11-17");
    protected static final Compatibility MANUAL = Compatibility.of("2026-11-17", "web_socket_manual_reply_to_close");
    protected static final Compatibility PEDANTIC = Compatibility.of("2026-11-17", "pedantic_wpt");
    protected static final Compatibility NO_REASON_LIMIT =
            Compatibility.of("2026-11-17", "no_websocket_close_reason_byte_limit");

    /** W and P, neither accepted yet, each with a recorder attached. */
    public record Ends(WebSocket w, WebSocket p, Recorder wEvents, Recorder pEvents) {
    }

    private Ends current;

    /** Connects a new W (with {@code compatibility}) and P (with the default settings). */
    protected abstract Ends open(Compatibility compatibility);

    /** P vanishes without a Close frame: the pair end is torn down, or the TCP connection drops. */
    protected abstract void dropPeer(Ends ends);

    /** Waits until every event already caused has been delivered and its effects are done. */
    protected abstract void settle();

    /** Whether two calls made back to back reach both sockets before either reads (one event loop turn). */
    protected boolean sameTurn() {
        return true;
    }

    /**
     * Whether W sees P's answer to W's own Close. JSR-356 containers end the session when an
     * endpoint closes, so the bridge gives W the answer an auto-replying peer sends (its own code).
     */
    protected boolean seesPeerAnswerToOwnClose() {
        return true;
    }

    /** Whether a reason over 123 bytes is cut to 123 (the containers refuse longer Close reasons). */
    protected boolean truncatesReasonsOverTheLimit() {
        return false;
    }

    /** Whether a failed socket drops the connection without a Close frame (JSR-356 can only send one). */
    protected boolean dropsConnectionWithoutClose() {
        return true;
    }

    private Ends connect(Compatibility compatibility) {
        current = open(compatibility);
        return current;
    }

    @AfterEach
    void nothingUnexpected() {
        if (current != null) {
            current.wEvents.assertExhausted();
            current.pEvents.assertExhausted();
        }
    }

    @Test
    @DisplayName("1: a text message goes each way as a String, with readyState OPEN in the listener")
    void textRoundTrip() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.p.send("hi");
        MessageEvent hi = e.wEvents.expectText("hi", OPEN);
        assertEquals("hi", hi.data());
        assertNull(hi.origin());
        assertEquals("", hi.lastEventId());
        e.w.send("yo");
        e.pEvents.expectText("yo", OPEN);
    }

    @Test
    @DisplayName("3: binary data is copied when sent, so later changes to the buffer are not seen")
    void binarySnapshot() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        byte[] buffer = new byte[10];
        buffer[2] = 1;
        buffer[3] = 2;
        buffer[4] = 3;
        e.p.send(ByteBuffer.wrap(buffer, 2, 3));
        buffer[2] = 9;
        MessageEvent got = e.wEvents.expectBinary(new byte[] {1, 2, 3}, OPEN);
        assertEquals(true, ((ByteBuffer) got.data()).isReadOnly());
    }

    @Test
    @DisplayName("5: send and close before accept throw; close validates its arguments first")
    void sendAndCloseBeforeAccept() {
        Ends e = connect(AUTO);
        assertEquals(OPEN, e.w.readyState());
        assertMessage(IllegalStateException.class,
                "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.", () -> e.w.send("x"));
        assertMessage(IllegalStateException.class,
                "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.", () -> e.w.close(1000));
        assertMessage(InvalidAccessException.class, "Invalid WebSocket close code: 999.", () -> e.w.close(999));
    }

    @Test
    @DisplayName("6: what P sent before W accepted is delivered in order after accept, Close last")
    void queuedBeforeAccept() {
        Ends e = connect(AUTO);
        e.p.accept();
        e.p.send("1");
        e.p.send("2");
        e.p.close(1000, "x");
        settle();
        e.w.accept();
        e.wEvents.expectText("1", OPEN);
        e.wEvents.expectText("2", OPEN);
        e.wEvents.expectClose(1000, "x", true, CLOSED);
        e.pEvents.expectClose(1000, "x", true, CLOSED);
    }

    @Test
    @DisplayName("7: an event delivered while no listener was registered is not replayed")
    void noReplay() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.p.send("a");
        e.wEvents.expectText("a", OPEN);
        settle();
        Recorder late = new Recorder("W (late listener)", e.w, this::settle, Timeouts.EVENT);
        e.p.send("b");
        late.expectText("b", OPEN);
        e.wEvents.expectText("b", OPEN);
        late.assertExhausted();
    }

    @Test
    @DisplayName("8: W closes under auto-reply: CLOSING at once, P sees CLOSED, W gets its own code echoed")
    void serverCloseAutoReply() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.w.close(1000, "bye");
        assertClosingRightAfterClose(e.w);
        e.pEvents.expectClose(1000, "bye", true, CLOSED);
        e.wEvents.expectClose(1000, "bye", true, CLOSED);
    }

    @Test
    @DisplayName("9: manual reply: P sees CLOSING and W waits until P closes")
    void serverCloseManualReply() {
        assumeTrue(seesPeerAnswerToOwnClose(), "W must see the answer of P to its own Close");
        Ends e = connect(MANUAL);
        e.w.accept();
        e.p.accept(AcceptOptions.allowHalfOpen(true));
        e.w.close(1000, "bye");
        e.pEvents.expectClose(1000, "bye", true, CLOSING);
        assertEquals(CLOSING, e.w.readyState());
        e.p.close(4000, "ack");
        assertEquals(CLOSED, e.p.readyState());
        e.wEvents.expectClose(4000, "ack", true, CLOSED);
    }

    @Test
    @DisplayName("9b: manual reply on W: P's Close is not echoed, W sees CLOSING and closes when ready")
    void peerCloseManualReply() {
        assumeTrue(seesPeerAnswerToOwnClose(), "P must see the answer of W to its own Close");
        Ends e = connect(MANUAL);
        e.w.accept();
        e.p.accept();
        e.p.close(4000, "first");
        e.wEvents.expectClose(4000, "first", true, CLOSING);
        e.w.send("still here");
        e.pEvents.expectText("still here", CLOSING);
        e.w.close(1000, "done");
        assertEquals(CLOSED, e.w.readyState());
        e.pEvents.expectClose(1000, "done", true, CLOSED);
    }

    @Test
    @DisplayName("10: half-open under auto-reply: P sees CLOSING, may still send, closes later")
    void halfOpen() {
        assumeTrue(seesPeerAnswerToOwnClose(), "W must see the answer of P to its own Close");
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept(AcceptOptions.allowHalfOpen(true));
        e.w.close(1000, "x");
        e.pEvents.expectClose(1000, "x", true, CLOSING);
        e.p.send("late");
        e.wEvents.expectText("late", CLOSING);
        e.p.close(1001, "done");
        assertEquals(CLOSED, e.p.readyState());
        e.wEvents.expectClose(1001, "done", true, CLOSED);
    }

    @Test
    @DisplayName("11: accept({allowHalfOpen: false}) turns the echo on under manual reply")
    void allowHalfOpenFalseUnderManual() {
        Ends e = connect(MANUAL);
        e.w.accept(AcceptOptions.allowHalfOpen(false));
        e.p.accept();
        e.p.close(3000, "q");
        e.wEvents.expectClose(3000, "q", true, CLOSED);
        e.pEvents.expectClose(3000, "q", true, CLOSED);
    }

    @Test
    @DisplayName("12: close() inside the close listener under auto-reply is ignored; the echo carries P's values")
    void closeInsideCloseListener() {
        Ends e = connect(AUTO);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        e.wEvents.onEvent("close", event -> catching(thrown, () -> e.w.close(1000, "manual")));
        e.w.accept();
        e.p.accept();
        e.p.close(4000, "mine");
        e.wEvents.expectClose(4000, "mine", true, CLOSED);
        e.pEvents.expectClose(4000, "mine", true, CLOSED);
        assertNull(thrown.get());
        settle();
        e.w.close();
        assertEquals(CLOSED, e.w.readyState());
    }

    @Test
    @DisplayName("13: send() inside the close listener under auto-reply throws 'after close()'")
    void sendInsideCloseListener() {
        Ends e = connect(AUTO);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        e.wEvents.onEvent("close", event -> catching(thrown, () -> e.w.send("x")));
        e.w.accept();
        e.p.accept();
        e.p.close(1000, "bye");
        e.wEvents.expectClose(1000, "bye", true, CLOSED);
        e.pEvents.expectClose(1000, "bye", true, CLOSED);
        assertEquals(IllegalStateException.class, thrown.get().getClass());
        assertEquals("Can't call WebSocket send() after close().", thrown.get().getMessage());
    }

    @Test
    @DisplayName("14: simultaneous close: no echo, each side gets the other's code and reason")
    void simultaneousClose() {
        assumeTrue(sameTurn(), "needs two calls in one event-loop turn");
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.w.close(1000, "a");
        e.p.close(4000, "b");
        e.wEvents.expectClose(4000, "b", true, CLOSED);
        e.pEvents.expectClose(1000, "a", true, CLOSED);
    }

    @Test
    @DisplayName("15: close() without a code: both sides see 1005 and an empty reason")
    void closeWithoutCode() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.w.close();
        e.pEvents.expectClose(1005, "", true, CLOSED);
        e.wEvents.expectClose(1005, "", true, CLOSED);
    }

    @Test
    @DisplayName("16: close(code) alone: the peer sees an empty reason")
    void closeWithCodeOnly() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.w.close(4001);
        e.pEvents.expectClose(4001, "", true, CLOSED);
        e.wEvents.expectClose(4001, "", true, CLOSED);
    }

    @Test
    @DisplayName("17: invalid close codes throw InvalidAccessError; 1001, 1011, 2999, 3000, 4999 are accepted")
    void invalidCodes() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 5000, 0, -1}) {
            assertMessage(InvalidAccessException.class, "Invalid WebSocket close code: " + code + ".", () -> e.w.close(code));
        }
        assertEquals(OPEN, e.w.readyState());
        for (int code : new int[] {1001, 1011, 2999, 3000, 4999}) {
            e.w.close(code);
        }
        e.pEvents.expectClose(1001, "", true, CLOSED);
        e.wEvents.expectClose(1001, "", true, CLOSED);
    }

    @Test
    @DisplayName("17: with pedantic_wpt only 1000 and 3000-4999 are accepted")
    void pedanticCodes() {
        Ends e = connect(PEDANTIC);
        e.w.accept();
        e.p.accept();
        for (int code : new int[] {1001, 1011, 2999, 999, 5000}) {
            assertMessage(InvalidAccessException.class, "Invalid WebSocket close code: " + code + ".", () -> e.w.close(code));
        }
        e.w.close(3000);
        e.w.close(4999);
        e.w.close(1000);
        e.pEvents.expectClose(3000, "", true, CLOSED);
        e.wEvents.expectClose(3000, "", true, CLOSED);
    }

    @Test
    @DisplayName("18: a reason over 123 UTF-8 bytes throws SyntaxError; lone surrogates count as U+FFFD")
    void reasonLength() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        for (String reason : new String[] {"a".repeat(124), "é".repeat(62), "\uD800".repeat(42)}) {
            assertMessage(SyntaxException.class, "WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded.",
                    () -> e.w.close(1000, reason));
        }
        e.w.close(1000, "a".repeat(123));
        e.pEvents.expectClose(1000, "a".repeat(123), true, CLOSED);
        e.wEvents.expectClose(1000, "a".repeat(123), true, CLOSED);
    }

    @Test
    @DisplayName("18: without the reason byte limit a long reason is accepted")
    void reasonLengthWithoutLimit() {
        Ends e = connect(NO_REASON_LIMIT);
        e.w.accept();
        e.p.accept();
        String reason = "a".repeat(124);
        e.w.close(1000, reason);
        assertClosingRightAfterClose(e.w);
        String sent = truncatesReasonsOverTheLimit() ? reason.substring(0, 123) : reason;
        e.pEvents.expectClose(1000, sent, true, CLOSED);
        e.wEvents.expectClose(1000, sent, true, CLOSED);
    }

    @Test
    @DisplayName("19: a reason without a code throws InvalidAccessError")
    void reasonWithoutCode() {
        Ends e = connect(AUTO);
        e.w.accept();
        assertMessage(InvalidAccessException.class, "If you specify a WebSocket close reason, you must also specify a code.",
                () -> e.w.close(null, "x"));
        assertEquals(OPEN, e.w.readyState());
    }

    @Test
    @DisplayName("20: a second close() is a no-op; the peer sees only the first")
    void doubleClose() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.w.close(1000);
        e.w.close(4000, "z");
        e.pEvents.expectClose(1000, "", true, CLOSED);
        e.wEvents.expectClose(1000, "", true, CLOSED);
    }

    @Test
    @DisplayName("21: after close, arguments are still validated; a valid close is silent")
    void validationAfterClose() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.w.close(1000);
        assertMessage(InvalidAccessException.class, "Invalid WebSocket close code: 999.", () -> e.w.close(999));
        e.w.close(1000);
        e.pEvents.expectClose(1000, "", true, CLOSED);
        e.wEvents.expectClose(1000, "", true, CLOSED);
    }

    @Test
    @DisplayName("22: a second accept is a no-op and its options are ignored")
    void acceptTwice() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.w.accept(AcceptOptions.allowHalfOpen(true));
        e.p.accept();
        e.p.close(4000, "r");
        e.wEvents.expectClose(4000, "r", true, CLOSED);
        e.pEvents.expectClose(4000, "r", true, CLOSED);
    }

    @Test
    @DisplayName("23: accept after a finished close throws 'already used in a response'")
    void acceptAfterFinishedClose() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.w.close(1000, "bye");
        e.pEvents.expectClose(1000, "bye", true, CLOSED);
        e.wEvents.expectClose(1000, "bye", true, CLOSED);
        settle();
        assertMessage(IllegalStateException.class, "Can't accept() WebSocket that was already used in a response.", () -> e.w.accept());
        assertEquals(CLOSED, e.w.readyState());
    }

    @Test
    @DisplayName("26: P lost while W is idle: 1006, not clean, OPEN inside the listener, CLOSING after")
    void abruptLossWhileIdle() {
        Ends e = connect(AUTO);
        e.w.accept();
        dropPeer(e);
        e.wEvents.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, OPEN);
        settle();
        assertEquals(CLOSING, e.w.readyState());
        e.w.send("ignored");
        e.w.close(1000);
        assertEquals(CLOSING, e.w.readyState());
    }

    @Test
    @DisplayName("27: P lost after W closed: 1006 with CLOSING inside the listener, CLOSED after")
    void abruptLossAfterClose() {
        assumeTrue(seesPeerAnswerToOwnClose(), "W must see the answer of P to its own Close");
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept(AcceptOptions.allowHalfOpen(true));
        e.w.close(1000);
        e.pEvents.expectClose(1000, "", true, CLOSING);
        dropPeer(e);
        e.wEvents.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, CLOSING);
        settle();
        assertEquals(CLOSED, e.w.readyState());
    }

    @Test
    @DisplayName("31: a throwing message listener ends W with an error event; P sees the connection lost")
    void throwingListener() {
        Ends e = connect(AUTO);
        e.wEvents.onEvent("message", event -> {
            throw new IllegalStateException("boom");
        });
        e.w.accept();
        e.p.accept();
        e.p.send("1");
        e.wEvents.expectText("1", OPEN);
        e.wEvents.expectError("Uncaught IllegalStateException: boom", CLOSED);
        settle();
        if (dropsConnectionWithoutClose()) {
            e.pEvents.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, OPEN);
            e.p.send("2");
        } else {
            e.pEvents.expectClose(1011, "", true, CLOSED);
        }
        settle();
        e.w.send("ignored");
        e.w.close(1000);
        assertEquals(CLOSED, e.w.readyState());
    }

    @Test
    @DisplayName("39: text, binary and Close arrive in the order they were sent")
    void ordering() {
        Ends e = connect(AUTO);
        e.w.accept();
        e.p.accept();
        e.p.send("a");
        e.p.send(new byte[] {1, 2, 3});
        e.p.close(1000);
        e.wEvents.expectText("a", OPEN);
        e.wEvents.expectBinary(new byte[] {1, 2, 3}, OPEN);
        e.wEvents.expectClose(1000, "", true, CLOSED);
        e.pEvents.expectClose(1000, "", true, CLOSED);
    }

    /**
     * CLOSING right after close(), as in workerd. With real threads the peer may already have
     * answered before the test reads readyState, which makes it CLOSED; never OPEN.
     */
    private void assertClosingRightAfterClose(WebSocket ws) {
        int readyState = ws.readyState();
        if (sameTurn() || readyState != CLOSED) {
            assertEquals(CLOSING, readyState, "readyState right after close()");
        }
    }

    protected static void assertMessage(Class<? extends Throwable> type, String message, Runnable call) {
        Throwable thrown = assertThrows(type, call::run);
        assertEquals(type, thrown.getClass());
        assertEquals(message, thrown.getMessage());
    }

    private static void catching(AtomicReference<Throwable> into, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            into.set(e);
        }
    }
}
