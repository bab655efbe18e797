package dev.wspair.jakarta;

import dev.wspair.engine.Frame;
import jakarta.websocket.CloseReason;

/**
 * Undertow (WildFly), through {@link UndertowChannel}: the connection's frames are read by our own
 * listener, so the peer's Close reaches the socket before anything answers it, and the socket's
 * answer (auto-reply, or the application's {@code close()} when half-open or manual) is the only
 * Close that goes back, after what the socket sent before it. Our own first Close goes out alone
 * while the listener goes on reading: the socket stays CLOSING, receives what the peer still sends,
 * and reports the peer's answer (1006 when the connection ends without one or the close timeout
 * passes), as in workerd. What Undertow still ends itself (protocol errors, limits, resets) comes
 * as before: {@code onError}, then {@code onClose}.
 */
final class ReadingHandshake extends ClosingHandshake implements UndertowChannel.Reader {

    private final UndertowChannel channel;

    ReadingHandshake(BridgedConnection connection, UndertowChannel channel) {
        super(connection);
        this.channel = channel;
    }

    @Override
    Container container() {
        return Container.UNDERTOW;
    }

    @Override
    boolean readFrames() {
        channel.read(this);
        return true;
    }

    // ---- what the listener reads (Undertow's I/O thread) ----

    @Override
    public void text(String text) {
        connection.onText(text);
    }

    @Override
    public void binary(byte[] bytes) {
        connection.onBinary(bytes);
    }

    @Override
    public void close(int code, String reason) {
        closeRead(code, reason);
    }

    @Override
    public void failed(Throwable error) {
        onError(error);
    }

    // ---- our side ----

    /** A Close the socket did not choose (a limit, a failure): Undertow's own close, which ends the session. */
    @Override
    void sendClose(CloseReason reason) throws Exception {
        session().close(reason);
    }

    @Override
    boolean waitsForAnswer() {
        return true;
    }

    @Override
    void sendCloseAlone(CloseReason reason) {
        channel.sendClose(reason.getCloseCode().getCode(), reasonOf(reason), false);
    }

    /** Both Closes went (ours once it is written): the server ends the TCP connection. */
    @Override
    void answerArrived() {
        channel.endAfterOurClose();
    }

    @Override
    void drop() {
        connection.end(Frame.lost());
        channel.abort();
    }

    @Override
    void answerPeer(CloseReason peer, CloseReason ours) {
        channel.sendClose(ours.getCloseCode().getCode(), reasonOf(ours), true);
        answered();
    }

    /**
     * Between Undertow's parsing of the peer's Close and our listener clearing its flag, a data frame
     * is refused ("UT002002"): it counts as written, as for a peer that stopped reading.
     */
    @Override
    boolean refusedAfterPeerClose(Throwable failure) {
        return failure != null && !closedByUs() && String.valueOf(failure.getMessage()).startsWith("UT002002");
    }
}
