package dev.wspair.engine;

import dev.wspair.WebSocketException;

/** workerd's exact texts, each checked in one place. */
public final class Messages {

    public static final String SEND_AFTER_CLOSE = "Can't call WebSocket send() after close().";
    public static final String MUST_ACCEPT =
            "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.";
    public static final String ACCEPT_CONNECTING = "Websockets obtained from the 'new WebSocket()' constructor cannot call accept";
    public static final String ACCEPT_RELEASED = "Can't accept() WebSocket that was already used in a response.";
    public static final String REASON_TOO_LONG =
            "WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded.";
    public static final String REASON_WITHOUT_CODE =
            "If you specify a WebSocket close reason, you must also specify a code.";
    public static final String LOST_REASON = "WebSocket disconnected without sending Close frame.";
    public static final String RETURN_CONNECTING = "Can't return WebSocket in a Response if it was created with `new WebSocket()`";
    public static final String RETURN_RELEASED = "Can't return WebSocket that was already used in a response.";
    public static final String RETURN_ACCEPTED = "Can't return WebSocket in a Response after calling accept().";
    public static final String RETURN_HIBERNATABLE =
            "Can't return WebSocket in a Response after calling acceptWebSocket().";
    public static final String ACCEPT_HIBERNATABLE = "Can't accept() WebSocket after enabling hibernation.";
    public static final String ACCEPT_WEBSOCKET_ACCEPTED =
            "Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`";
    /** From workerd's source (actor-state.c++); not seen on the wire: the objects peer cannot reach it. */
    public static final String ACCEPT_WEBSOCKET_PAIR_USED = "Cannot call `acceptWebSocket()` on this WebSocket"
            + " because its pair has already been accepted or used in a Response.";
    public static final String CONNECT_FAILED_REASON = "Failed to establish websocket connection";
    public static final String URL_INVALID = "WebSocket Constructor: The url is invalid.";
    public static final String URL_SCHEME = "WebSocket Constructor: The url scheme must be ws or wss.";
    public static final String URL_FRAGMENT = "WebSocket Constructor: The url fragment must be empty.";
    public static final String PROTOCOL_INVALID = "WebSocket Constructor: The protocol header token is invalid.";
    public static final String PROTOCOLS_INVALID = "WebSocket Constructor: One of the protocol header tokens is invalid.";
    public static final String PROTOCOLS_REPEATED = "WebSocket Constructor: The protocols header cannot have repeating values.";

    private Messages() {
    }

    /** workerd's TypeError for a handshake answered with another status than 101. */
    public static String notSwitchingProtocols(int status) {
        return "Failed to establish the WebSocket connection: expected server to reply with HTTP status code 101 "
                + "(switching protocols), but received " + status + " instead.";
    }

    /** workerd's Error for an attachment over 16384 bytes (sic: no space after the first period). */
    public static String attachmentTooLarge(int size) {
        return "A WebSocket 'attachment' cannot be larger than 16384 bytes.'attachment' was " + size + " bytes.";
    }

    public static String invalidCloseCode(int code) {
        return "Invalid WebSocket close code: " + code + ".";
    }

    /**
     * The {@code message} of an {@code error} event for {@code error}, as V8 reports an uncaught
     * error: the runtime's own errors are JavaScript {@code Error}s, an application's exception is
     * named by its class.
     */
    public static String uncaught(Throwable error) {
        String name = error instanceof WebSocketException ? "Error"
                : error instanceof RuntimeTypeError ? "TypeError" : error.getClass().getSimpleName();
        String message = error.getMessage();
        return "Uncaught " + name + (message == null ? "" : ": " + message);
    }
}
