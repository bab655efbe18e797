package dev.wspair.engine;

import dev.wspair.Event;

/**
 * The owner of a socket accepted with {@code acceptWebSocket} (a Durable Object's registry): the
 * socket's inbound frames run in the owner's turns instead of on the socket's own, its events go to
 * the owner instead of listeners, and a matching text message is answered where the frame is read.
 * Implemented outside the engine; the engine calls it without holding any socket lock.
 */
public interface SocketOwner {

    /**
     * The auto-response to a text message, asked as the socket takes the frame from its queue (on the
     * reader's thread when the socket is idle), after the socket's earlier frames were delivered.
     *
     * @return the text to answer with at once, or {@code null} to deliver the message as usual
     */
    String autoResponseTo(String text);

    /** {@code socket} just answered a message with the auto-response. */
    void autoResponded(RealWebSocket socket);

    /**
     * Runs {@code step} (the socket applies one inbound frame and delivers its event) in the owner's
     * next turn. The socket offers its next step only once this one has run, as workerd's
     * hibernatable read loop reads the next frame only once the previous one was delivered.
     */
    void run(RealWebSocket socket, Runnable step);

    /**
     * Delivers one event of {@code socket}: a message, its close, or its error.
     *
     * @return what the handler threw for a message (the socket then fails with an error event), else
     *     {@code null}
     */
    Throwable deliver(RealWebSocket socket, Event event);
}
