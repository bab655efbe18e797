package dev.wspair.engine;

/**
 * The frames a socket sends back over its own connection while that connection's reader delivers
 * the messages of one read, written together when the read is done: a client that sends 16
 * messages before it waits for their echoes gets them in one write, not 16. workerd too writes
 * what a handler sent after the handler returns.
 *
 * <p>Thread-bound: a transport's reader {@link #open() opens} a read on its thread before it
 * parses what it read and {@link #close() closes} it after; while the read is open, the
 * connection hands the outbound queue of the socket its messages go to to {@link #admit}, and that
 * queue's flushes on this thread wait for the end of the read. Only that queue waits: frames for
 * other sockets (a broadcast to a room) go out at once, as do sends from other threads, which
 * hand over the waiting frames with theirs, in order. Anything that ends the read's deliveries
 * early (the peer's Close, a failure, a message over the limit) or waits on this thread calls
 * {@link #flushNow()} first, so nothing is held behind it.
 */
public final class ReadReplies implements AutoCloseable {

    private static final ThreadLocal<ReadReplies> CURRENT = new ThreadLocal<>();

    /** Whether a read is open on this object's thread. */
    private boolean open;
    /** The queue whose flushes wait for the end of the read, or null. */
    private OutboundQueue admitted;
    /** Whether a flush of {@link #admitted} was put off. */
    private boolean deferred;

    private ReadReplies() {
    }

    /** Opens a read on the calling thread; null when one is open already (the outer one closes). */
    public static ReadReplies open() {
        ReadReplies read = CURRENT.get();
        if (read == null) {
            // one per reading thread, used again for each of its reads
            read = new ReadReplies();
            CURRENT.set(read);
        } else if (read.open) {
            return null;
        }
        read.open = true;
        return read;
    }

    /**
     * The connection being read delivers a message to the socket that sends over {@code queue}:
     * its flushes on this thread wait for the end of the read. Without an open read, nothing.
     */
    public static void admit(OutboundQueue queue) {
        ReadReplies read = CURRENT.get();
        if (read != null && read.open && read.admitted != queue) {
            read.stopHolding();
            read.admitted = queue;
        }
    }

    /** Hands over what waits now and holds nothing more in this read. */
    public static void flushNow() {
        ReadReplies read = CURRENT.get();
        if (read != null) {
            read.stopHolding();
        }
    }

    /**
     * Puts off a flush of {@code queue} to the end of the read on this thread.
     *
     * @return false when it is not the admitted queue of an open read: the caller flushes now
     */
    static boolean defer(OutboundQueue queue) {
        ReadReplies read = CURRENT.get();
        if (read == null || read.admitted != queue) {
            return false;
        }
        queue.markDeferred();
        read.deferred = true;
        return true;
    }

    /**
     * Holds nothing more and hands over what was put off. The queue is let go first: what the
     * hand-over itself makes send (an answer once a Close was written) goes out at once, not held
     * for a flush that would never come.
     */
    private void stopHolding() {
        OutboundQueue queue = admitted;
        boolean putOff = deferred;
        admitted = null;
        deferred = false;
        if (putOff) {
            queue.flushDeferred();
        }
    }

    /** The read is done: hands over what waits; the thread has no read open until the next. */
    @Override
    public void close() {
        try {
            stopHolding();
        } finally {
            open = false;
        }
    }
}
