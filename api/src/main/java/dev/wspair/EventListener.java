package dev.wspair;

/**
 * Receives events of one type. Listeners of one socket run one at a time, in order, never
 * concurrently. A listener that throws stops delivery to the listeners after it, ends the socket's
 * reading and produces an {@code error} event, as in workerd; it never affects another socket.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventListener<E extends Event> {

    void handleEvent(E event) throws Exception;
}
