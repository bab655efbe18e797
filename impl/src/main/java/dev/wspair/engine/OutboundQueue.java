package dev.wspair.engine;

import java.util.ArrayDeque;

/**
 * A socket's FIFO of outbound frames with a single writer: one frame is written at a time and the
 * next one starts from the completion of the previous one, so concurrent {@code send()} calls never
 * reach the connection concurrently. A completion that arrives inside {@code write} continues the
 * loop instead of recursing. {@link #bufferedAmount()} counts the text and binary bytes queued or
 * in flight.
 */
public final class OutboundQueue implements Transport {

    private final FrameWriter writer;
    private volatile RealWebSocket owner;

    // Guarded by this.
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private long buffered;
    /** A frame is being written, or a thread runs the write loop. */
    private boolean busy;
    /** The write loop is inside writer.write(). */
    private boolean inWriteCall;
    /** The completion arrived while the write loop was inside writer.write(). */
    private boolean completedInCall;
    private boolean released;

    public OutboundQueue(FrameWriter writer) {
        this.writer = writer;
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
            if (busy) {
                return;
            }
            busy = true;
        }
        writeQueued();
    }

    private void writeQueued() {
        while (true) {
            Frame next;
            synchronized (this) {
                next = released ? null : queue.poll();
                if (next == null) {
                    busy = false;
                    return;
                }
                inWriteCall = true;
                completedInCall = false;
            }
            writer.write(next, failure -> written(next, failure));
            synchronized (this) {
                inWriteCall = false;
                if (!completedInCall) {
                    return;
                }
            }
        }
    }

    private void written(Frame frame, Throwable failure) {
        synchronized (this) {
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
        synchronized (this) {
            if (inWriteCall) {
                completedInCall = true;
                return;
            }
        }
        writeQueued();
    }

    /** Drops what was not written yet and closes the connection. */
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
