package dev.wspair;

/**
 * An error the runtime itself reports in an {@code error} event, as workerd reports a JavaScript
 * {@code Error}: the connection was lost while frames were still on their way ({@code "Network
 * connection lost."}), or the peer broke the protocol or sent a message over the size limit (then
 * {@link #statusCode()} is the close code the peer was sent, 1002 or 1009).
 */
public class WebSocketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message of a connection lost while frames were on their way. */
    public static final String CONNECTION_LOST = "Network connection lost.";

    private final int statusCode;
    private final String description;

    /**
     * An error with a message and no status code.
     *
     * @param message the message, e.g. {@link #CONNECTION_LOST}
     */
    public WebSocketException(String message) {
        super(message);
        this.statusCode = 0;
        this.description = null;
    }

    private WebSocketException(int statusCode, String description) {
        super("WebSocket protocol error; protocolError.statusCode = " + statusCode
                + "; protocolError.description = " + description);
        this.statusCode = statusCode;
        this.description = description;
    }

    /**
     * The peer broke the protocol: it was sent a Close frame with {@code statusCode} and {@code description}.
     *
     * @param statusCode the close code sent to the peer, e.g. 1002 or 1009
     * @param description the close reason sent to the peer
     * @return an exception whose message reads as workerd's: {@code "WebSocket protocol error;
     *     protocolError.statusCode = N; protocolError.description = ..."}
     */
    public static WebSocketException protocolError(int statusCode, String description) {
        return new WebSocketException(statusCode, description);
    }

    /**
     * The close code sent to the peer for a protocol error.
     *
     * @return the code, or 0 for another error
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The reason sent to the peer for a protocol error.
     *
     * @return the reason, or {@code null} for another error
     */
    public String description() {
        return description;
    }
}
