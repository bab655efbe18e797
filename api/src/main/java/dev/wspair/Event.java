package dev.wspair;

/** An event fired by a {@link WebSocket}: {@code open}, or the base of the other event classes. */
public class Event {

    private final String type;
    private final WebSocket target;

    public Event(String type, WebSocket target) {
        this.type = type;
        this.target = target;
    }

    /** {@code "open"}, {@code "message"}, {@code "close"} or {@code "error"}. */
    public String type() {
        return type;
    }

    /** The socket that fired the event. */
    public WebSocket target() {
        return target;
    }

    @Override
    public String toString() {
        return "Event[" + type + "]";
    }
}
