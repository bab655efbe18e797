package dev.wspair;

/**
 * The {@code close} event: the peer's Close frame ({@code wasClean} true; code 1005 and an empty
 * reason when it had no body), or 1006 "WebSocket disconnected without sending Close frame." with
 * {@code wasClean} false when the connection was lost.
 */
public final class CloseEvent extends Event {

    private final int code;
    private final String reason;
    private final boolean wasClean;

    /**
     * Creates a {@code close} event. The runtime creates them; applications need this only to fire
     * events themselves, e.g. in tests.
     *
     * @param target the socket that fires the event
     * @param code the close code
     * @param reason the close reason, {@code ""} when there was none
     * @param wasClean whether a Close frame ended the connection
     */
    public CloseEvent(WebSocket target, int code, String reason, boolean wasClean) {
        super("close", target);
        this.code = code;
        this.reason = reason;
        this.wasClean = wasClean;
    }

    /**
     * The close code: the one in the peer's Close frame (1005 when the frame had no body; on a network
     * connection the containers report such a frame as 1000, difference D9 in the README), or 1006
     * when the connection was lost or could not be established.
     *
     * @return the close code
     */
    public int code() {
        return code;
    }

    /**
     * The close reason: the one in the peer's Close frame ({@code ""} when it had none), or
     * workerd's text for a lost connection ("WebSocket disconnected without sending Close frame.")
     * or a failed one ("Failed to establish websocket connection").
     *
     * @return the close reason, never {@code null} for an event of the runtime
     */
    public String reason() {
        return reason;
    }

    /**
     * Whether a Close frame ended the connection.
     *
     * @return {@code true} after a Close frame, {@code false} when the connection was lost or never
     *     established (1006)
     */
    public boolean wasClean() {
        return wasClean;
    }

    @Override
    public String toString() {
        return "CloseEvent[code=" + code + ", reason=" + reason + ", wasClean=" + wasClean + "]";
    }
}
