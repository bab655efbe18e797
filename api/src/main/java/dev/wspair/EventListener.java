package dev.wspair;

/**
 * Receives events of one type. Listeners of one socket run one at a time, in order, never
 * concurrently. A listener that throws ends the socket's reading and produces an {@code error}
 * event, as in workerd; it never affects another socket. Whether the listeners after it still get
 * that event depends on {@link Compatibility#specCompliantDispatchExceptions()} (they do by default).
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

    /**
     * Handles one event, on the thread that delivers the socket's events; the next event of the
     * socket waits until this returns.
     *
     * @param event the event
     * @throws Exception to fail the socket: it reports one {@code error} event and stops reading
     */
    void handleEvent(E event) throws Exception;
}
