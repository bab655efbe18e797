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

    public CloseEvent(WebSocket target, int code, String reason, boolean wasClean) {
        super("close", target);
        this.code = code;
        this.reason = reason;
        this.wasClean = wasClean;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean wasClean() {
        return wasClean;
    }

    @Override
    public String toString() {
        return "CloseEvent[code=" + code + ", reason=" + reason + ", wasClean=" + wasClean + "]";
    }
}
