package dev.wspair.engine;

import dev.wspair.WebSocketException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * A socket's FIFO of outbound frames and the one place that hands them to the connection, in
 * order. At most {@code window} frames are in flight at once: 1 for a connection that fails on
 * concurrent sends (the next frame starts from the completion of the previous one), more for one
 * that queues them itself (Tyrus, Undertow), so frames reach the container as soon as they are
 * sent. A Close frame waits until every frame before it has completed. {@link #write} only
 * queues (under the socket's lock); {@link #flush} hands over (after it). Completions may arrive
 * on any thread, or inside the writer's {@code write}: the hand-over loop runs on one thread at a
 * time and never recurses. {@link #bufferedAmount()} counts the text and binary bytes queued or in flight.
 *
 * <p>{@link SendLimits} bound what waits: over the byte limit a send is rejected, or the socket
 * fails; a frame in flight for longer than the send timeout (the peer stopped reading) fails the
 * socket, or, when what waits is our Close, ends it as a lost connection (1006). A failed socket's
 * connection is closed with 1008.
 *
 * <p>Memory: an idle connection holds one of these per socket (tens of thousands of idle sockets
 * are the normal case for a Durable Object), so the frame deque is made on the first frame and
 * starts small, and the hand-over counter is a field, not an atomic object.
 */
public final class OutboundQueue implements Transport {

    /** For connections that queue concurrent sends themselves. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final FrameWriter writer;
    private final int window;
    private final SendLimits limits;
    private volatile RealWebSocket owner;
    /** Non-zero while a thread runs the hand-over loop; counts requests that came in meanwhile. */
    private volatile int handing;
    private static final VarHandle HANDING = FieldHandles.of(MethodHandles.lookup(), "handing", int.class);

    // Guarded by this.
    /** Frames not handed over yet, oldest first; null until the first frame. */
    private ArrayDeque<Frame> queue;
    private long buffered;
    /** A batch of turns ({@link DeferredFlushes}) or a read ({@link ReadReplies}) will flush this queue. */
    private boolean deferred;
    private int inFlight;
    private boolean released;
    private boolean closeQueued;
    /** Whether another frame may be handed over right after the one {@link #nextToWrite} gave; read by the handing thread. */
    private boolean anotherFollows;
    /** When the frames in flight last made progress (System.nanoTime). */
    private long lastProgress;
    /**
     * Why the socket failed for backpressure, or null: the connection then closes with 1008 and
     * this reason when no Close frame went out; otherwise with 1011 and no reason.
     */
    private String failReason;

    public OutboundQueue(FrameWriter writer, int window) {
        this(writer, window, SendLimits.NONE);
    }

    public OutboundQueue(FrameWriter writer, int window, SendLimits limits) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.writer = writer;
        this.window = window;
        this.limits = limits;
    }

    @Override
    public void attach(RealWebSocket socket) {
        owner = socket;
    }

    /**
     * @throws IllegalStateException when the frame is over the send-buffer limit and the policy rejects it
     */
    @Override
    public void write(Frame frame) {
        enqueue(frame, true);
    }

    @Override
    public void transfer(Frame frame) {
        enqueue(frame, false);
    }

    private void enqueue(Frame frame, boolean limited) {
        synchronized (this) {
            if (released) {
                return;
            }
            if (limited && limits.bufferLimit() > 0 && frame.size > 0 && buffered + frame.size > limits.bufferLimit()) {
                String why = "The send buffer is full: " + buffered + " bytes are waiting to be written and this message has "
                        + frame.size + "; the limit is " + limits.bufferLimit() + " bytes (wspair.sendBufferLimit)";
                if (limits.rejectOverLimit()) {
                    throw new IllegalStateException(why);
                }
                fail(why, SendLimits.OVER_LIMIT_REASON);
                return;
            }
            closeQueued |= frame.kind == Frame.Kind.CLOSE;
            if (queue == null) {
                queue = new ArrayDeque<>(2);
            }
            queue.add(frame);
            buffered += frame.size;
        }
    }

    /**
     * Hands the queued frames to the writer, as many as the window allows; inside a batch of an
     * object's turns ({@link DeferredFlushes}), at the end of the batch; on the reader of this
     * socket's own connection ({@link ReadReplies}), at the end of the read.
     */
    @Override
    public void flush() {
        if (!DeferredFlushes.defer(this) && !ReadReplies.defer(this)) {
            handOver();
        }
    }

    /** Whether this queue was not deferred yet (it is now). */
    synchronized boolean markDeferred() {
        if (deferred) {
            return false;
        }
        deferred = true;
        return true;
    }

    /** The end of the batch or read that put off this queue's flush, or its release: hands over, unless that was done already. */
    void flushDeferred() {
        boolean putOff;
        synchronized (this) {
            putOff = deferred;
            deferred = false;
        }
        if (putOff) {
            handOver();
        }
    }

    /**
     * Applies the send timeout: fails the socket if the frames in flight made no progress for
     * longer than it. Called now and then by a timer.
     *
     * @return whether the socket failed now
     */
    public boolean checkStalled(long nanoTime) {
        long timeout = limits.sendTimeout().toNanos();
        boolean closing;
        synchronized (this) {
            if (timeout <= 0 || released || inFlight == 0 || nanoTime - lastProgress < timeout) {
                return false;
            }
            closing = closeQueued;
        }
        String why = "Nothing could be written for " + limits.sendTimeout() + " (wspair.sendTimeout): the peer stopped reading";
        if (closing) {
            RealWebSocket socket = owner;
            if (socket != null) {
                socket.receive(Frame.lost());
            }
            failed(SendLimits.TIMEOUT_REASON);
        } else {
            synchronized (this) {
                fail(why, SendLimits.TIMEOUT_REASON);
            }
        }
        return true;
    }

    /** The socket fails with {@code why}; the peer gets 1008 {@code reason}. Holds this. */
    private void fail(String why, String reason) {
        failReason = reason;
        RealWebSocket socket = owner;
        if (socket != null) {
            socket.receive(Frame.writeFailed(new WebSocketException(why)));
        }
    }

    private void failed(String reason) {
        synchronized (this) {
            failReason = reason;
        }
        release();
    }

    private void handOver() {
        if ((int) HANDING.getAndAdd(this, 1) != 0) {
            return;
        }
        int missed = 1;
        do {
            // the writer learns whether another frame follows at once, so it may write them together
            for (Frame next; (next = nextToWrite()) != null; ) {
                Frame writing = next;
                writer.write(writing, failure -> written(writing, failure), anotherFollows);
            }
            writer.writeHeld();
            missed = (int) HANDING.getAndAdd(this, -missed) - missed;
        } while (missed != 0);
    }

    /** The oldest frame, if it may be handed over now; sets {@link #anotherFollows} under the same lock. */
    private synchronized Frame nextToWrite() {
        if (!oldestWritable()) {
            return null;
        }
        if (inFlight++ == 0) {
            lastProgress = System.nanoTime();
        }
        Frame next = queue.poll();
        anotherFollows = oldestWritable();
        return next;
    }

    /**
     * Whether the oldest queued frame may be handed over now: the window has room, and a Close waits
     * for the frames before it. Guarded by this.
     */
    private boolean oldestWritable() {
        Frame next = queue == null ? null : queue.peek();
        return next != null && !released && inFlight < window && !(next.kind == Frame.Kind.CLOSE && inFlight > 0);
    }

    private void written(Frame frame, Throwable failure) {
        synchronized (this) {
            inFlight--;
            buffered -= frame.size;
            lastProgress = System.nanoTime();
        }
        RealWebSocket socket = owner;
        if (failure != null) {
            if (socket != null) {
                socket.receive(Frame.writeFailed(failure));
            }
            release();
            return;
        }
        if (frame.kind == Frame.Kind.CLOSE && socket != null) {
            socket.closeDelivered();
        }
        handOver();
    }

    /**
     * Drops what was not handed over yet and closes the connection. Frames whose flush a batch or a
     * read put off are handed over first: without it they would have gone out already.
     */
    @Override
    public void release() {
        flushDeferred();
        int code;
        String reason;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            for (Frame dropped; queue != null && (dropped = queue.poll()) != null; ) {
                buffered -= dropped.size;
            }
            queue = null;
            code = failReason == null ? 1011 : SendLimits.FAILED_CODE;
            reason = failReason == null ? "" : failReason;
        }
        writer.close(code, reason);
    }

    @Override
    public synchronized long bufferedAmount() {
        return buffered;
    }
}
