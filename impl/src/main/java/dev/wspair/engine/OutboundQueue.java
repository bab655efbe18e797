package dev.wspair.engine;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket's FIFO of outbound frames and the one place that hands them to the connection, in
 * order. At most {@code window} frames are in flight at once: 1 for a connection that fails on
 * concurrent sends (the next frame starts from the completion of the previous one), more for one
 * that queues them itself (Tyrus, Undertow), so frames reach the container as soon as they are
 * sent. A Close frame waits until every frame before it has completed. Completions may arrive on
 * any thread, or inside {@code write}: the hand-over loop runs on one thread at a time and never
 * recurses. {@link #bufferedAmount()} counts the text and binary bytes queued or in flight.
 */
public final class OutboundQueue implements Transport {

    /** For connections that queue concurrent sends themselves. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final FrameWriter writer;
    private final int window;
    private volatile RealWebSocket owner;
    /** Non-zero while a thread runs the hand-over loop; counts requests that came in meanwhile. */
    private final AtomicInteger handing = new AtomicInteger();

    // Guarded by this.
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private long buffered;
    private int inFlight;
    private boolean released;

    public OutboundQueue(FrameWriter writer, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.writer = writer;
        this.window = window;
    }

    @Override
    public void attach(RealWebSocket socket) {
        owner = socket;
    }

    @Override
    public void write(Frame frame) {
        synchronized (this) {
            if (released) {
                return;
            }
            queue.add(frame);
            buffered += frame.size;
        }
        handOver();
    }

    private void handOver() {
        if (handing.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            for (Frame next; (next = nextToWrite()) != null; ) {
                Frame writing = next;
                writer.write(writing, failure -> written(writing, failure));
            }
            missed = handing.addAndGet(-missed);
        } while (missed != 0);
    }

    private synchronized Frame nextToWrite() {
        Frame next = queue.peek();
        if (next == null || released || inFlight >= window || (next.kind == Frame.Kind.CLOSE && inFlight > 0)) {
            return null;
        }
        inFlight++;
        return queue.poll();
    }

    private void written(Frame frame, Throwable failure) {
        synchronized (this) {
            inFlight--;
            buffered -= frame.size;
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

    /** Drops what was not handed over yet and closes the connection. */
    @Override
    public void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            for (Frame dropped; (dropped = queue.poll()) != null; ) {
                buffered -= dropped.size;
            }
        }
        writer.close();
    }

    @Override
    public synchronized long bufferedAmount() {
        return buffered;
    }
}
