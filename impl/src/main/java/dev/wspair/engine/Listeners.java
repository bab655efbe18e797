package dev.wspair.engine;

import dev.wspair.Event;
import dev.wspair.EventListener;
import java.util.Arrays;

/**
 * The listeners of one socket, by type. Adding and removing copy the array, so a dispatch works
 * on the snapshot taken when it starts, as the DOM does.
 */
final class Listeners {

    private static final EventListener<?>[] NONE = {};

    private volatile EventListener<?>[] open = NONE;
    private volatile EventListener<?>[] message = NONE;
    private volatile EventListener<?>[] close = NONE;
    private volatile EventListener<?>[] error = NONE;

    synchronized void add(String type, EventListener<?> listener) {
        EventListener<?>[] current = get(type);
        if (current == null || Arrays.asList(current).contains(listener)) {
            return;
        }
        EventListener<?>[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = listener;
        set(type, grown);
    }

    synchronized void remove(String type, EventListener<?> listener) {
        EventListener<?>[] current = get(type);
        int at = current == null ? -1 : Arrays.asList(current).indexOf(listener);
        if (at < 0) {
            return;
        }
        EventListener<?>[] shrunk = new EventListener<?>[current.length - 1];
        System.arraycopy(current, 0, shrunk, 0, at);
        System.arraycopy(current, at + 1, shrunk, at, shrunk.length - at);
        set(type, shrunk);
    }

    /**
     * Calls the listeners registered for the event's type when this starts, in order. After one
     * throws, the later ones run only if {@code continueAfterThrow}.
     *
     * @return what the first listener that failed threw, or null
     */
    Throwable dispatch(Event event, boolean continueAfterThrow) {
        Throwable first = null;
        for (EventListener<?> listener : get(event.type())) {
            try {
                @SuppressWarnings("unchecked")
                EventListener<Event> typed = (EventListener<Event>) listener;
                typed.handleEvent(event);
            } catch (Throwable thrown) {
                if (first == null) {
                    first = thrown;
                } else {
                    first.addSuppressed(thrown);
                }
                if (!continueAfterThrow) {
                    break;
                }
            }
        }
        return first;
    }

    private EventListener<?>[] get(String type) {
        switch (type) {
            case "message":
                return message;
            case "close":
                return close;
            case "error":
                return error;
            case "open":
                return open;
            default:
                return null;
        }
    }

    private void set(String type, EventListener<?>[] listeners) {
        switch (type) {
            case "message":
                message = listeners;
                break;
            case "close":
                close = listeners;
                break;
            case "error":
                error = listeners;
                break;
            default:
                open = listeners;
                break;
        }
    }
}
