package dev.wspair;

import java.nio.ByteBuffer;

/**
 * Service-provider side of a {@link WebSocket}: the engine object that a {@code WebSocket}
 * forwards every call to (as {@code java.net.Socket} forwards to its {@code SocketImpl}).
 * Applications never use it; {@code wspair-impl} implements it.
 */
public interface WebSocketImpl {

    void accept(AcceptOptions options);

    void addEventListener(String type, EventListener<?> listener);

    void removeEventListener(String type, EventListener<?> listener);

    void sendText(String text);

    /** Sends the remaining bytes of {@code data}, copied before return; the position is unchanged. */
    void sendBinary(ByteBuffer data);

    /** {@code null} stands for an argument that was not given. */
    void close(Integer code, String reason);

    int readyState();

    String url();

    String protocol();

    String extensions();

    long bufferedAmount();
}
