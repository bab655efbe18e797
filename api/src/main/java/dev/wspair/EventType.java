package dev.wspair;

/**
 * The event types a {@link WebSocket} fires, typed so that a listener receives the right event
 * class: {@code ws.addEventListener(EventType.MESSAGE, e -> e.text())}.
 *
 * @param <E> the class of the events of this type
 */
public final class EventType<E extends Event> {

    /** Fired once when a {@code new WebSocket(url)} connects. */
    public static final EventType<Event> OPEN = new EventType<>("open");
    /** A message arrived. */
    public static final EventType<MessageEvent> MESSAGE = new EventType<>("message");
    /** The connection ended with a Close frame, or was lost (1006). */
    public static final EventType<CloseEvent> CLOSE = new EventType<>("close");
    /** The connection failed (protocol error, message too large, a listener threw). */
    public static final EventType<ErrorEvent> ERROR = new EventType<>("error");

    private final String name;

    private EventType(String name) {
        this.name = name;
    }

    /**
     * The name used with {@link WebSocket#addEventListener(String, EventListener)}.
     *
     * @return {@code "open"}, {@code "message"}, {@code "close"} or {@code "error"}
     */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
