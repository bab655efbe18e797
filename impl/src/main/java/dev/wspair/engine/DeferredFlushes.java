package dev.wspair.engine;

import java.util.ArrayList;

/**
 * The network flushes of a batch of turns, made at its end: while a Durable Object runs several
 * queued calls in a row on one thread, a socket's frames wait in its outbound queue and are handed
 * to the connection together after the last call (or after {@link #MAX_TURNS}), so that a room
 * broadcasting k messages writes each socket once, not k times. workerd too writes what a call
 * sent after the call returns. Only {@link OutboundQueue}s defer; in-memory pairs deliver at once.
 *
 * <p>Thread-bound, like {@link ObjectTurns}: {@link #open()} binds a batch to the calling thread,
 * {@link #flush()} hands over what was deferred (and may be called between turns), {@link
 * #close()} flushes and unbinds. Frames keep their order: a deferred queue is flushed as a whole,
 * and a send from another thread meanwhile hands over the same queue in the same order.
 *
 * <p>What this changes for an object's code: a frame it sends reaches the network when the batch
 * ends, not inside {@code send()} (as in workerd, where it is written after the call returns). A
 * call that blocks after sending (waiting for another object's {@code fetch()}) flushes first,
 * through {@link #flushBound()}; one that blocks on something else of its own waits with its frames
 * held until the batch ends.
 */
public final class DeferredFlushes implements AutoCloseable {

    /** Turns after which a batch hands its frames over even if more calls are queued. */
    public static final int MAX_TURNS = 16;

    private static final ThreadLocal<DeferredFlushes> CURRENT = new ThreadLocal<>();
    /** What {@link #open()} gives inside a batch: the outer batch flushes; this does nothing. */
    private static final DeferredFlushes NESTED = new DeferredFlushes(null);

    /** Queues with deferred frames, each once; touched by the bound thread only; null for {@link #NESTED}. */
    private final ArrayList<OutboundQueue> pending;

    private DeferredFlushes(ArrayList<OutboundQueue> pending) {
        this.pending = pending;
    }

    /**
     * Binds a new batch to the calling thread; on a thread inside a batch already (an object's
     * mailbox drained inline by another's turn), one that leaves the flushes to the outer batch.
     */
    public static DeferredFlushes open() {
        if (CURRENT.get() != null) {
            return NESTED;
        }
        DeferredFlushes batch = new DeferredFlushes(new ArrayList<>());
        CURRENT.set(batch);
        return batch;
    }

    /**
     * Defers the flush of {@code queue} to the end of the calling thread's batch.
     *
     * @return false when no batch is open on this thread: the caller flushes now
     */
    static boolean defer(OutboundQueue queue) {
        DeferredFlushes batch = CURRENT.get();
        if (batch == null) {
            return false;
        }
        if (queue.markDeferred()) {
            batch.pending.add(queue);
        }
        return true;
    }

    /**
     * Hands over what the batch bound to the calling thread deferred so far, if one is bound: for a
     * call that is about to block (a {@code fetch()} of another object waiting for its response),
     * so that what it sent before does not wait for the wait.
     */
    public static void flushBound() {
        DeferredFlushes batch = CURRENT.get();
        if (batch != null) {
            batch.flush();
        }
    }

    /** Hands over every deferred queue's frames, in the order the queues were first deferred. */
    public void flush() {
        if (pending == null) {
            return;
        }
        // a flush may complete writes that send more (a Close answer): those defer again and are taken below
        for (int i = 0; i < pending.size(); i++) {
            pending.get(i).flushDeferred();
        }
        pending.clear();
    }

    /** Flushes and unbinds the batch from the calling thread. */
    @Override
    public void close() {
        if (pending == null) {
            return;
        }
        try {
            flush();
        } finally {
            CURRENT.remove();
        }
    }
}
