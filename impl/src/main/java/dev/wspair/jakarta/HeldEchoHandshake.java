package dev.wspair.jakarta;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.server.ServerContainer;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tyrus (the embedded runtime, Payara): {@code onClose} for a peer's Close comes <em>before</em> the
 * echo, which Tyrus sends when {@code onClose} returns; until then, sends still reach the peer. So
 * {@code onClose} is held until the socket answers (its echo, or the application's {@code close()}
 * when half-open), for at most {@code wspair.halfOpenTimeout}: half-open works on the wire. Our
 * own first Close goes out alone ({@link TyrusInternals}): Tyrus goes on reading, the socket stays
 * CLOSING and gets the peer's answer, and Tyrus then closes the connection without echoing it. Our
 * answer to a peer's Close goes out alone too, exactly as the socket closed (an empty body stays
 * empty), and Tyrus closes the connection when onClose returns. Where those internals are missing,
 * the answer and our Close go through Tyrus's public {@code TyrusRemoteEndpoint.close(CloseReason)},
 * where one compare-and-set decides whether ours or Tyrus's echo of a crossing Close goes out.
 */
final class HeldEchoHandshake extends ClosingHandshake {

    // Two one-way flags waited for on this object's monitor, not latches: one handshake per
    // connection, and most connections are idle. Guarded by this.
    /** Our answer to the peer's Close is ready; onClose may return and let Tyrus send it. */
    private boolean answered;
    /** Our own Close has been handed to Tyrus (queued for writing). */
    private boolean ownCloseHandedOver;
    /** The socket is writing its answer to the peer's Close; Tyrus no longer gives up waiting. */
    private boolean answering;
    /** The half-open timeout passed without an answer: Tyrus echoes the peer's Close. */
    private boolean gaveUp;

    HeldEchoHandshake(BridgedConnection connection) {
        super(connection);
    }

    @Override
    Container container() {
        return Container.TYRUS;
    }

    @Override
    void sendClose(CloseReason reason) throws Exception {
        if (!TyrusClose.send(connection.remote(), reason)) {
            session().close(reason);
        }
    }

    @Override
    boolean waitsForAnswer() {
        return TyrusInternals.of(connection.remote()) != null;
    }

    @Override
    void sendCloseAlone(CloseReason reason) {
        TyrusInternals tyrus = TyrusInternals.of(connection.remote());
        tyrus.sendClose(tyrus.socketOf(connection.remote()), reason, isClient());
    }

    /** Whether this is a client's session, whose frames are masked (Tyrus's own client session has no ServerContainer). */
    private boolean isClient() {
        return !(session().getContainer() instanceof ServerContainer);
    }

    /**
     * Inside Tyrus's onClose for the peer's answer (or a Close crossing ours): once our Close was
     * handed to Tyrus, Tyrus is moved to CLOSING, so that when onClose returns it closes the
     * connection instead of echoing.
     */
    @Override
    void answerArrived() {
        awaitCloseHandedOver(5_000);
        TyrusInternals tyrus = TyrusInternals.of(connection.remote());
        tyrus.stopEcho(tyrus.socketOf(connection.remote()));
    }

    /** Tyrus reports an empty Close with its one NORMAL_CLOSURE instance (D9: as 1000, "Normal closure."). */
    @Override
    boolean emptyBody(CloseReason reason) {
        TyrusInternals tyrus = TyrusInternals.of(connection.remote());
        return tyrus != null && tyrus.isEmptyClose(reason);
    }

    @Override
    void drop() {
        TyrusInternals tyrus = TyrusInternals.of(connection.remote());
        tyrus.drop(tyrus.socketOf(connection.remote()),
                new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "no Close from the peer"));
    }

    /**
     * Our answer to the peer's Close goes out as a frame of its own, exactly the socket's (an empty
     * body for 1005, which Tyrus's own close would send as 1000): Tyrus, held in onClose, is moved
     * to CLOSING first, so that when onClose returns it closes the connection instead of echoing.
     * That compare-and-set decides: once Tyrus echoed (the half-open timeout passed) nothing more
     * goes out. Without those internals Tyrus echoes the peer's code, or sends ours when they differ.
     */
    @Override
    void answerPeer(CloseReason peer, CloseReason ours) {
        TyrusInternals tyrus = TyrusInternals.of(connection.remote());
        if (tyrus == null) {
            if (peer.getCloseCode().getCode() != ours.getCloseCode().getCode() || !reasonOf(peer).equals(reasonOf(ours))) {
                TyrusClose.send(connection.remote(), ours);
            }
        } else if (answering()) {
            Object socket = tyrus.socketOf(connection.remote());
            if (tyrus.stopEcho(socket)) {
                tyrus.sendClose(socket, ours, isClient());
            }
        }
        answered();
    }

    /**
     * Ours is the answer, whether or not Tyrus took it already. Tyrus is about to echo the peer's
     * code and closes the connection when onClose returns: first let our Close be queued, then
     * send it again (nothing happens if it went already); the onClose Tyrus reports for it on this
     * thread is ignored.
     */
    @Override
    void crossed(CloseReason ours) {
        awaitCloseHandedOver(5_000);
        closingThread = Thread.currentThread();
        try {
            TyrusClose.send(connection.remote(), ours);
        } finally {
            closingThread = null;
        }
        answered();
    }

    /** Holds Tyrus's echo until the socket answers; past the half-open timeout, Tyrus echoes. */
    @Override
    void peerClosed() {
        Duration halfOpenTimeout = connection.settings().halfOpenTimeout();
        if (!awaitAnswered(halfOpenTimeout.toMillis()) && giveUpUnlessAnswering()) {
            LOG.log(Level.INFO, "A half-open WebSocket did not close within " + halfOpenTimeout
                    + "; the container now echoes the peer's Close");
            connection.giveUp();
        }
    }

    /**
     * Claims the answer to the peer's Close for the socket: true, and Tyrus waits for it even past
     * the half-open timeout, unless that timeout passed already (then Tyrus echoes).
     */
    private synchronized boolean answering() {
        if (!gaveUp) {
            answering = true;
        }
        return answering;
    }

    /**
     * Past the half-open timeout: true when the socket is not answering, and from now on will not
     * (Tyrus echoes); otherwise waits for the answer being written.
     */
    private synchronized boolean giveUpUnlessAnswering() {
        if (!answering) {
            gaveUp = true;
            return true;
        }
        awaitAnswered(5_000);
        return false;
    }

    @Override
    synchronized void answered() {
        answered = true;
        notifyAll();
    }

    @Override
    synchronized void closeHandedOver() {
        ownCloseHandedOver = true;
        notifyAll();
    }

    private synchronized boolean awaitAnswered(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!answered) {
            if (!waitUntil(end)) {
                return false;
            }
        }
        return true;
    }

    private synchronized void awaitCloseHandedOver(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!ownCloseHandedOver) {
            if (!waitUntil(end)) {
                return;
            }
        }
    }

    /** Waits on this monitor (held) until notified or {@code end}; false once the time is up or interrupted. */
    private boolean waitUntil(long end) {
        long left = end - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Tyrus's public TyrusRemoteEndpoint.close(CloseReason): sends a Close with any code, now. */
    private static final class TyrusClose {
        private static volatile Method method;

        /** Whether the Close could be handed to Tyrus this way. */
        static boolean send(RemoteEndpoint remote, CloseReason reason) {
            try {
                Method close = method;
                if (close == null) {
                    close = remote.getClass().getMethod("close", CloseReason.class);
                    method = close;
                }
                close.invoke(remote, reason);
                return true;
            } catch (ReflectiveOperationException e) {
                LOG.log(Level.WARNING, "Tyrus's RemoteEndpoint.close(CloseReason) is not available; "
                        + "the peer gets its own Close code back", e);
                return false;
            }
        }
    }
}
