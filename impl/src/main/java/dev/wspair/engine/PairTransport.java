package dev.wspair.engine;

import dev.wspair.WebSocketException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of an in-memory {@code WebSocketPair}: frames written by one end go straight onto
 * the other end's inbound queue. As in workerd's pipe, a frame counts as sent only once the other
 * end has read it, so {@link #bufferedAmount()} holds what the other end has not read yet and the
 * writer's Close is delivered when the other end reads it. Writes to an end that stopped reading
 * for good are dropped.
 */
final class PairTransport implements Transport {

    private final RealWebSocket sender;
    private final RealWebSocket receiver;
    private final AtomicLong buffered = new AtomicLong();

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
            buffered.addAndGet(frame.size);
        }
        receiver.receive(frame);
    }

    /** The receiver took {@code frame} off its queue. */
    void consumed(Frame frame) {
        if (frame.size != 0) {
            buffered.addAndGet(-frame.size);
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
        return buffered.get();
    }
}
