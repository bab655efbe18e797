package dev.wspair.engine;

/**
 * What a socket writes to: the other end of an in-memory pair ({@link PairTransport}), or a
 * network connection (the JSR-356 bridge). The socket calls {@link #write} with its lock held, in
 * the order the frames must go out: {@code write} only queues (it never blocks, never calls the
 * container and never calls back into the socket). The socket then calls {@link #flush} after
 * releasing its lock; that hands the queued frames over, and may complete synchronously and call
 * back into the socket.
 *
 * <p>A transport reports back through the socket: {@link RealWebSocket#receive(Frame)} for inbound
 * frames and signals, {@link RealWebSocket#closeDelivered()} once the socket's own Close frame has
 * been handed over.
 */
public interface Transport {

    /** {@code socket} writes to this transport from now on (called before its first write). */
    default void attach(RealWebSocket socket) {
    }

    /** Queues {@code frame} behind the frames written before it; called with the socket's lock held. */
    void write(Frame frame);

    /**
     * Queues a frame the socket wrote before this transport took over (a pair end returned in a
     * response): it was accepted by {@code send()} already, so no send limit refuses it.
     */
    default void transfer(Frame frame) {
        write(frame);
    }

    /** Hands over what was queued; called without the socket's lock, possibly from several threads at once. */
    default void flush() {
    }

    /**
     * The socket is done with the connection (both Close frames went, or it failed): release it.
     * If no Close frame went out, the peer sees the connection lost. Called without the socket's lock.
     */
    void release();

    /** Bytes of text and binary frames written but not yet handed over. */
    long bufferedAmount();
}
