package dev.wspair;

import java.nio.ByteBuffer;

/**
 * Service-provider side of a {@link WebSocket}: the engine object that a {@code WebSocket}
 * forwards every call to (as {@code java.net.Socket} forwards to its {@code SocketImpl}).
 * Applications never use it; {@code wspair-impl} implements it.
 */
public interface WebSocketImpl {

    /**
     * {@link WebSocket#accept(AcceptOptions)}.
     *
     * @param options the options, never {@code null}
     */
    void accept(AcceptOptions options);

    /**
     * {@link WebSocket#addEventListener(String, EventListener)}.
     *
     * @param type the event type
     * @param listener the listener, never {@code null}
     */
    void addEventListener(String type, EventListener<?> listener);

    /**
     * {@link WebSocket#removeEventListener(String, EventListener)}.
     *
     * @param type the event type
     * @param listener the listener to remove
     */
    void removeEventListener(String type, EventListener<?> listener);

    /**
     * {@link WebSocket#send(String)}.
     *
     * @param text the text, never {@code null}
     */
    void sendText(String text);

    /**
     * Sends the remaining bytes of {@code data}, copied before return; the position is unchanged.
     *
     * @param data the bytes, never {@code null}
     */
    void sendBinary(ByteBuffer data);

    /**
     * {@link WebSocket#close(Integer, String)}: {@code null} stands for an argument that was not given.
     *
     * @param code the close code, or {@code null}
     * @param reason the close reason, or {@code null}
     */
    void close(Integer code, String reason);

    /**
     * {@link WebSocket#readyState()}.
     *
     * @return {@link WebSocket#CONNECTING}, {@link WebSocket#OPEN}, {@link WebSocket#CLOSING} or
     *     {@link WebSocket#CLOSED}
     */
    int readyState();

    /**
     * {@link WebSocket#url()}.
     *
     * @return the URL of a client socket, {@code null} for a pair end
     */
    String url();

    /**
     * {@link WebSocket#protocol()}.
     *
     * @return the negotiated subprotocol
     */
    String protocol();

    /**
     * {@link WebSocket#extensions()}.
     *
     * @return the negotiated extensions
     */
    String extensions();

    /**
     * {@link WebSocket#bufferedAmount()}.
     *
     * @return the bytes sent but not yet handed over
     */
    long bufferedAmount();

    /**
     * {@link WebSocket#serializeAttachment(Object)}.
     *
     * @param value the value, or {@code null}
     */
    default void serializeAttachment(Object value) {
        throw new UnsupportedOperationException("This wspair engine has no attachments");
    }

    /**
     * {@link WebSocket#deserializeAttachment(Class)}.
     *
     * @param type the class to read the stored value as
     * @return a new copy, or {@code null}
     */
    default Object deserializeAttachment(Class<?> type) {
        throw new UnsupportedOperationException("This wspair engine has no attachments");
    }
}
