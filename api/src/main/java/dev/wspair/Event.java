package dev.wspair;

/** An event fired by a {@link WebSocket}: {@code open}, or the base of the other event classes. */
public class Event {

    private final String type;
    private final WebSocket target;

    /**
     * Creates an event. The runtime creates them; applications need this only to fire events
     * themselves, e.g. in tests.
     *
     * @param type the event type, as {@link #type()} returns it
     * @param target the socket that fires the event
     */
    public Event(String type, WebSocket target) {
        this.type = type;
        this.target = target;
    }

    /**
     * The event type.
     *
     * @return {@code "open"}, {@code "message"}, {@code "close"} or {@code "error"}
     */
    public String type() {
        return type;
    }

    /**
     * The socket that fired the event.
     *
     * @return the socket; {@code null} only in an event made without one
     */
    public WebSocket target() {
        return target;
    }

    @Override
    public String toString() {
        return "Event[" + type + "]";
    }
}
