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
     * As {@link #write(Frame, Consumer)}; {@code more} says that the next frame follows in the same
     * hand-over, so a writer may hold this one and write both at once. A writer that holds frames
     * writes them with the first frame written with {@code more} false, or at {@link #writeHeld()}.
     */
    default void write(Frame frame, Consumer<Throwable> done, boolean more) {
        write(frame, done);
    }

    /** The hand-over ends (the next frame was not ready after all): writes the frames held, if any. */
    default void writeHeld() {
    }

    /**
     * Closes the connection. If the socket wrote no Close frame, the peer gets {@code code} and
     * {@code reason} where the connection can only end with a Close frame (JSR-356), else sees the
     * connection lost.
     */
    void close(int code, String reason);
}
