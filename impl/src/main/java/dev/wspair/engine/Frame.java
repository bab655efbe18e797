package dev.wspair.engine;

import dev.wspair.WebSocketException;

/**
 * One unit on a socket's inbound queue or outbound path: a text, binary or Close frame, or a
 * transport signal: {@link Kind#LOST}, the connection ended without a Close frame; {@link
 * Kind#FAILED}, reading failed (a protocol error: no more frames are read); {@link
 * Kind#WRITE_FAILED}, writing failed (frames were lost on their way out; reading goes on until the
 * connection ends); {@link Kind#REPLY_ABORTED}, the socket's reply Close went out and workerd's
 * write pump would find the peer gone ({@link TrailingError}). Immutable.
 */
public final class Frame {

    public enum Kind { TEXT, BINARY, CLOSE, LOST, FAILED, WRITE_FAILED, REPLY_ABORTED, OPEN, CONNECT_FAILED }

    /** Close code for a Close frame with an empty body. */
    public static final int NO_STATUS = 1005;

    static final Frame LOST = new Frame(Kind.LOST, null, 0, null, 0);
    static final Frame OPEN = new Frame(Kind.OPEN, null, 0, null, 0);

    final Kind kind;
    final Object payload;
    final int code;
    final String reason;
    /** Bytes this frame adds to bufferedAmount: UTF-8 length of text, length of binary, 0 otherwise. */
    final long size;

    private Frame(Kind kind, Object payload, int code, String reason, long size) {
        this.kind = kind;
        this.payload = payload;
        this.code = code;
        this.reason = reason;
        this.size = size;
    }

    public static Frame text(String text) {
        return new Frame(Kind.TEXT, text, 0, null, Utf8.length(text));
    }

    /** A text frame that arrived from the network: it adds nothing to any bufferedAmount. */
    public static Frame received(String text) {
        return new Frame(Kind.TEXT, text, 0, null, 0);
    }

    /** A binary frame that owns {@code bytes}: the caller must not change them afterwards. */
    public static Frame binary(byte[] bytes) {
        return new Frame(Kind.BINARY, bytes, 0, null, bytes.length);
    }

    /** A Close frame; {@link #NO_STATUS} stands for an empty body. */
    public static Frame close(int code, String reason) {
        return new Frame(Kind.CLOSE, null, code, reason, 0);
    }

    public static Frame lost() {
        return LOST;
    }

    /** Reading failed with {@code error}: the socket reports an {@code error} event and reads no more. */
    public static Frame failed(Throwable error) {
        return new Frame(Kind.FAILED, error, 0, null, 0);
    }

    /** Writing failed with {@code error}: the socket reports an {@code error} event. */
    public static Frame writeFailed(Throwable error) {
        return new Frame(Kind.WRITE_FAILED, error, 0, null, 0);
    }

    /** The reply Close went out and the peer is gone: the trailing error event of {@link TrailingError}. */
    static Frame replyAborted() {
        return new Frame(Kind.REPLY_ABORTED, new WebSocketException(WebSocketException.CONNECTION_LOST), 0, null, 0);
    }

    /** A client's connection could not be established: an error event, then close 1006. */
    static Frame connectFailed(Throwable error) {
        return new Frame(Kind.CONNECT_FAILED, error, 0, null, 0);
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return (String) payload;
    }

    public byte[] bytes() {
        return (byte[]) payload;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public long size() {
        return size;
    }

    Throwable error() {
        return (Throwable) payload;
    }

    @Override
    public String toString() {
        switch (kind) {
            case TEXT:
            case BINARY:
                return kind + "[" + size + " bytes]";
            case CLOSE:
                return "CLOSE[" + code + ", " + reason + "]";
            default:
                return kind.toString();
        }
    }
}
