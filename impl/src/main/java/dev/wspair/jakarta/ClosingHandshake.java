package dev.wspair.jakarta;

import dev.wspair.engine.Frame;
import dev.wspair.engine.Utf8;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The closing handshake of one bridged connection, as far as its container lets us shape it: our
 * Close, the peer's Close, a Close crossing ours, and the end the socket is told about. What is
 * common lives here; what differs lives in one subclass per container behaviour:
 * {@link HeldEchoHandshake} (Tyrus: the echo of a peer's Close waits until {@code onClose} returns),
 * {@link ReadingHandshake} (Undertow: our own listener reads the frames, so nothing is echoed for us)
 * and {@link EarlyEchoHandshake} (others: the echo goes before {@code onClose}).
 *
 * <p>Our own first Close: where the container lets us write it while it goes on reading (Tyrus,
 * Undertow: {@link #waitsForAnswer}), the socket stays CLOSING, still receives what the peer sends,
 * and reports the peer's answer (its code and reason; 1006 when the connection ends without one or
 * the close timeout passes), as in workerd. Elsewhere JSR-356 never lets an endpoint read that
 * answer ({@code onClose} fires inside {@code session.close()} and the connection goes), so the
 * socket gets the answer an auto-replying peer sends: its own code and reason.
 */
abstract class ClosingHandshake {

    static final System.Logger LOG = System.getLogger(ClosingHandshake.class.getName());

    /**
     * The connection it belongs to: {@link BridgedConnection#end} tells the socket how the connection
     * ended (once), {@link BridgedConnection#giveUp} gives it up (the socket did not answer in time).
     * The connection itself, not an adapter: one object less per connection.
     */
    final BridgedConnection connection;
    /** The peer's Close arrived; the container has echoed it or will when onClose returns. */
    volatile CloseReason peerClose;
    /** The thread inside the container's close for our own Close: an onClose on it reports that close. */
    volatile Thread closingThread;
    /** The container reported the session's end on {@link #closingThread}, inside our own close. */
    private volatile boolean endReportedInside;
    /** Our own Close, once the socket closed first. Guarded by this, with peerClose: whichever is set first decides. */
    private CloseReason ownClose;
    /** The session is closed, or closing by the container's own doing. */
    private volatile boolean sessionDone;
    /**
     * Our Close went out alone and the peer's answer is awaited ({@link #waitsForAnswer}); set with
     * {@link #ownClose}, guarded by this, read without the lock by the timers.
     */
    private volatile boolean closeAlone;
    /** When our Close went out alone (System.nanoTime). */
    private volatile long closeSentAt;
    /** What onError reported, for the onClose that follows. */
    private volatile Throwable reportedError;

    ClosingHandshake(BridgedConnection connection) {
        this.connection = connection;
    }

    /** The connection's session (not a field of its own: one handshake per connection). */
    final Session session() {
        return connection.session();
    }

    /** The container whose close codes {@link #onClose} classifies. */
    abstract Container container();

    /** The handshake for {@code session}'s container. */
    static ClosingHandshake of(Session session, Container container, BridgedConnection connection) {
        if (container == Container.TYRUS) {
            return new HeldEchoHandshake(connection);
        }
        UndertowChannel channel = container == Container.UNDERTOW ? undertowChannel(session) : null;
        return channel != null
                ? new ReadingHandshake(connection, channel)
                : new EarlyEchoHandshake(connection, container);
    }

    /**
     * Undertow's channel of {@code session}; null where this code cannot see Undertow's classes. UndertowChannel
     * is loaded only here: its Undertow classes are absent on other containers, and on WildFly only a WAR sees
     * them (not an EAR's library nor a jar deployed on its own: there the closing handshake is Undertow's own).
     */
    private static UndertowChannel undertowChannel(Session session) {
        try {
            return UndertowChannel.of(session);
        } catch (LinkageError e) {
            LOG.log(Level.DEBUG, "Undertow's classes are not visible here; Undertow echoes a peer's Close itself", e);
            return null;
        }
    }

    /**
     * Reads the connection's frames itself, if this container lets it see the peer's Close before
     * any echo ({@link ReadingHandshake}); otherwise the caller adds JSR-356 message handlers.
     */
    boolean readFrames() {
        return false;
    }

    /** Whether our own Close went first. */
    final synchronized boolean closedByUs() {
        return ownClose != null;
    }

    /** The session is closed or closing; no timer applies any more. */
    boolean sessionDone() {
        return sessionDone;
    }

    // ---- what the container refuses around a peer's Close (EarlyEchoHandshake, ReadingHandshake) ----

    /** Whether a data frame is dropped (and {@code done} told so) instead of written. */
    boolean dropsData(Consumer<Throwable> done) {
        return false;
    }

    /** Whether a failed write is the container refusing data after the peer's Close (then it counts as written). */
    boolean refusedAfterPeerClose(Throwable failure) {
        return false;
    }

    // ---- our side ----

    /** The socket's Close frame: the answer to the peer's, or our own first Close. */
    final void writeClose(int code, String reason) {
        CloseReason ours = closeReason(code, reason);
        CloseReason peer;
        boolean alone = false;
        synchronized (this) {
            peer = peerClose;
            if (peer == null) {
                ownClose = ours;
                alone = !sessionDone && waitsForAnswer();
                if (alone) {
                    closeSentAt = System.nanoTime();
                    closeAlone = true;
                }
            }
        }
        if (peer != null) {
            answerPeer(peer, ours);
            return;
        }
        if (alone) {
            // refused: the connection is gone, and the container reports its end (onClose)
            sendCloseAlone(ours);
            closeHandedOver();
            return;
        }
        // If the peer's Close crosses ours, the container may ignore or refuse this; onClose then answers with ours.
        closeSession(ours);
        answered();
        connection.end(Frame.close(code, reasonOf(ours)));
    }

    /** Whether our Close went out alone and no answer came yet: no Ping, no other frame may follow it. */
    final boolean awaitingAnswer() {
        return closeAlone && !sessionDone;
    }

    /**
     * Applies the close timeout at {@code now}: past it, a peer that did not answer our Close has
     * lost the connection (1006). Workerd has no such timeout; {@code timeout} zero: none.
     *
     * @return whether the connection was dropped now
     */
    final boolean dropIfUnanswered(long now, Duration timeout) {
        if (!awaitingAnswer() || timeout.isZero() || timeout.isNegative() || now - closeSentAt < timeout.toNanos()) {
            return false;
        }
        LOG.log(Level.DEBUG, "The peer did not answer our Close within " + timeout + "; the connection is dropped");
        drop();
        return true;
    }

    /**
     * The socket is done with the connection without a Close of its own (it failed): JSR-356 can
     * only end with a Close frame, so the peer gets {@code code} (1011 a listener threw or a write
     * failed, 1008 the peer stopped reading), unless the peer closed first. A container that
     * reports the end inside our close (Tyrus, Undertow: on this thread, once) has told the socket
     * nothing: for a socket without a Close of its own the connection is lost (1006, after its
     * error event, as in workerd). A socket whose read loop ended already ignores that.
     */
    final void release(int code, String reason) {
        answered();
        if (peerClose != null) {
            return;
        }
        if (closeAlone) {
            // our Close is out already: no second one, the connection just ends
            drop();
        } else if (closeSession(closeReason(code, reason))) {
            connection.end(Frame.lost());
        }
    }

    /** A message over the limit: the peer gets 1009 with {@code description}. */
    final void tooLarge(String description) {
        closeSession(new CloseReason(CloseReason.CloseCodes.TOO_BIG, description));
    }

    /**
     * Our Close, once: the container's close call, on this thread.
     *
     * @return whether the container reported the session's end inside it (an onClose on this thread)
     */
    final boolean closeSession(CloseReason reason) {
        if (sessionDone) {
            return false;
        }
        sessionDone = true;
        closingThread = Thread.currentThread();
        try {
            sendClose(reason);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "The container refused our Close (a Close of the peer's crossed it)", e);
        } finally {
            closingThread = null;
            closeHandedOver();
        }
        return endReportedInside;
    }

    // ---- the container's side ----

    final void onError(Throwable error) {
        reportedError = error;
        LOG.log(Level.DEBUG, "The container reported an error on a WebSocket session", error);
    }

    /** The container's {@code onClose}: the peer's Close, a loss, a protocol error, or the report of our own close. */
    final void onClose(CloseReason reason) {
        if (closingThread == Thread.currentThread()) {
            endReportedInside = true;
            return;
        }
        sessionDone = true;
        Frame frame = emptyBody(reason) ? Frame.close(Frame.NO_STATUS, "")
                : container().classify(reason.getCloseCode().getCode(), reasonOf(reason), reportedError);
        if (frame.kind() != Frame.Kind.CLOSE) {
            connection.end(frame);
            if (closeAlone) {
                // our Close went already: no other Close follows it (Tyrus would answer a refused code with 1002)
                answerArrived();
            }
            return;
        }
        closeArrived(reason, frame);
    }

    /**
     * The peer's Close, read before the container answered it ({@link ReadingHandshake}): code 1005
     * and "" for an empty body, as workerd reports it.
     */
    final void closeRead(int code, String reason) {
        closeArrived(closeReason(code, reason), Frame.close(code, reason));
    }

    private void closeArrived(CloseReason reason, Frame frame) {
        CloseReason ours;
        boolean alone;
        synchronized (this) {
            peerClose = reason;
            ours = ownClose;
            alone = closeAlone;
        }
        if (alone) {
            // the peer's answer to our Close, or its own Close crossing ours: workerd reports the peer's
            connection.end(frame);
            answerArrived();
        } else if (ours != null) {
            // Our Close went first: the socket gets our own code back, whatever the peer answered (D7).
            connection.end(Frame.close(ours.getCloseCode().getCode(), reasonOf(ours)));
            crossed(ours);
        } else if (connection.endByPeer(frame)) {
            peerClosed();
        }
    }

    // ---- what differs per container ----

    /** Hands our Close to the container. */
    abstract void sendClose(CloseReason reason) throws Exception;

    /**
     * Whether our own first Close can go out alone, the connection still reading, so that the
     * peer's answer reaches the socket ({@link #sendCloseAlone}, {@link #answerArrived}, {@link #drop}).
     */
    boolean waitsForAnswer() {
        return false;
    }

    /** Writes our Close without ending the session (only when {@link #waitsForAnswer}). */
    void sendCloseAlone(CloseReason reason) {
        throw new UnsupportedOperationException();
    }

    /** Whether the container reports {@code reason} for a Close with an empty body (workerd: 1005, ""). */
    boolean emptyBody(CloseReason reason) {
        return false;
    }

    /** The peer answered our Close (on the container's thread, inside onClose): the connection ends without another Close. */
    void answerArrived() {
    }

    /** Ends the connection after our Close without another Close frame; the socket learns it is lost. */
    void drop() {
        throw new UnsupportedOperationException();
    }

    /** The socket answered the peer's Close with {@code ours}. */
    void answerPeer(CloseReason peer, CloseReason ours) {
        answered();
    }

    /** The peer's Close crossed our own {@code ours}. */
    void crossed(CloseReason ours) {
        answered();
    }

    /** The socket was told of the peer's Close (on the container's thread, inside onClose). */
    void peerClosed() {
    }

    /** The socket has answered, or will never answer, the peer's Close. */
    void answered() {
    }

    /** Our Close was handed to the container. */
    void closeHandedOver() {
    }

    static String reasonOf(CloseReason reason) {
        return reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
    }

    static CloseReason closeReason(int code, String reason) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), Utf8.truncate(reason, 123));
    }
}
