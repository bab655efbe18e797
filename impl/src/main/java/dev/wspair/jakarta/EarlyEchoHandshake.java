package dev.wspair.jakarta;

import jakarta.websocket.CloseReason;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;

/**
 * Containers not known to do otherwise, and Undertow when {@link UndertowChannel} cannot reach its
 * internals: the echo of a peer's Close goes out <em>before</em> {@code onClose}, and every frame
 * after it is refused, so half-open can only be imitated: data the socket sends after the peer's
 * Close is dropped, as for a peer that stopped reading. Our Close is {@code session.close()}.
 */
final class EarlyEchoHandshake extends ClosingHandshake {

    private final boolean undertow;

    private final Container container;

    EarlyEchoHandshake(BridgedConnection connection, Container container) {
        super(connection);
        this.container = container;
        this.undertow = container == Container.UNDERTOW;
    }

    @Override
    Container container() {
        return container;
    }

    @Override
    void sendClose(CloseReason reason) throws Exception {
        session().close(reason);
    }

    /** After the peer's Close the container has echoed it and refuses every frame: drop them silently. */
    @Override
    boolean dropsData(Consumer<Throwable> done) {
        if (peerClose != null) {
            done.accept(null);
            return true;
        }
        return false;
    }

    /**
     * Undertow refuses data frames ("UT002002: Channel is closed") as soon as its I/O thread has read
     * the peer's Close, before {@code onClose} tells us: such a frame is dropped, as after {@code
     * onClose} (D24), and the {@code onClose} that follows ends the socket. Once the echo went, the
     * channel itself may be closed already (a busy machine): a {@link ClosedChannelException} counts
     * too when Undertow's channel says it read a Close. Not after our own Close.
     */
    @Override
    boolean refusedAfterPeerClose(Throwable failure) {
        if (!undertow || failure == null || closedByUs()) {
            return false;
        }
        if (String.valueOf(failure.getMessage()).startsWith("UT002002")) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClosedChannelException) {
                return closeFrameReceived();
            }
        }
        return false;
    }

    /** Undertow's {@code UndertowSession.getWebSocketChannel().isCloseFrameReceived()}, public API read reflectively. */
    private boolean closeFrameReceived() {
        try {
            Object channel = session().getClass().getMethod("getWebSocketChannel").invoke(session());
            return Boolean.TRUE.equals(channel.getClass().getMethod("isCloseFrameReceived").invoke(channel));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Undertow's WebSocketChannel.isCloseFrameReceived() could not be read", e);
            return false;
        }
    }
}
