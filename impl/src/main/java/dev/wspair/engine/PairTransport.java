package dev.wspair.engine;

import dev.wspair.WebSocketException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One direction of an in-memory {@code WebSocketPair}: frames written by one end go straight onto
 * the other end's inbound queue. As in workerd's pipe, a frame counts as sent only once the other
 * end has read it, so {@link #bufferedAmount()} holds what the other end has not read yet and the
 * writer's Close is delivered when the other end reads it. Writes to an end that stopped reading
 * for good are dropped.
 *
 * <p>What is buffered is two byte counts with one writer each, the sender (under its lock) and the
 * receiver's drain. Each count is an object of its own, made by its writer's thread on its first
 * frame: neither thread writes, for every frame, a cache line the other one reads, and neither
 * makes an atomic update.
 */
final class PairTransport implements Transport {

    private final RealWebSocket sender;
    private final RealWebSocket receiver;
    /** Bytes written; made and changed by the sender only, under its lock. */
    private volatile ByteCount written;
    /** Bytes the receiver read; made and changed by the receiver's drain only. */
    private volatile ByteCount read;

    PairTransport(RealWebSocket sender, RealWebSocket receiver) {
        this.sender = sender;
        this.receiver = receiver;
    }

    RealWebSocket receiver() {
        return receiver;
    }

    @Override
    public void write(Frame frame) {
        if (receiver.readLoopEnded()) {
            return;
        }
        if (frame.size != 0) {
            ByteCount count = written;
            if (count == null) {
                written = count = new ByteCount();
            }
            count.add(frame.size);
        }
        receiver.receive(frame);
    }

    /** The receiver took {@code frame} off its queue. */
    void consumed(Frame frame) {
        if (frame.size != 0) {
            ByteCount count = read;
            if (count == null) {
                read = count = new ByteCount();
            }
            count.add(frame.size);
        }
        if (frame.kind == Frame.Kind.CLOSE) {
            sender.closeDelivered();
        }
    }

    /**
     * The sender is gone: the receiver sees the connection lost, unless it already has its Close.
     * Frames the receiver wrote that the sender never read make the receiver's writing fail first.
     */
    @Override
    public void release() {
        if (sender.hasUnreadFrames()) {
            receiver.receive(Frame.writeFailed(new WebSocketException(WebSocketException.CONNECTION_LOST)));
        }
        receiver.receive(Frame.lost());
    }

    @Override
    public long bufferedAmount() {
        long readSoFar = ByteCount.of(read); // first: what was read was written before
        return ByteCount.of(written) - readSoFar;
    }

    /** A count with one writer: a release store, no atomic update. */
    private static final class ByteCount {
        private volatile long bytes;
        private static final VarHandle BYTES = FieldHandles.of(MethodHandles.lookup(), "bytes", long.class);

        void add(long n) {
            BYTES.setRelease(this, bytes + n);
        }

        static long of(ByteCount count) {
            return count == null ? 0 : count.bytes;
        }
    }
}
