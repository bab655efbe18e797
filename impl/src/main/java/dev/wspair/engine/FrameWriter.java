package dev.wspair.engine;

import java.util.function.Consumer;

/** An asynchronous connection that writes one frame at a time (JSR-356's {@code RemoteEndpoint.Async}). */
public interface FrameWriter {

    /**
     * Starts writing {@code frame}; calls {@code done} once, with {@code null} on success or the
     * failure, from any thread, possibly before this method returns.
     */
    void write(Frame frame, Consumer<Throwable> done);

    /**
     * Closes the connection. If the socket wrote no Close frame, the peer gets {@code code} and
     * {@code reason} where the connection can only end with a Close frame (JSR-356), else sees the
     * connection lost.
     */
    void close(int code, String reason);
}
