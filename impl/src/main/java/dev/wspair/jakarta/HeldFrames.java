package dev.wspair.jakarta;

import dev.wspair.engine.Frame;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Prepared text frames of one connection waiting to be written in one piece, with what each frame's
 * completion tells the outbound queue. Used by one thread at a time (the queue's hand-over).
 */
final class HeldFrames {

    private final ArrayList<Frame> frames = new ArrayList<>(4);
    private final ArrayList<byte[]> prepared = new ArrayList<>(4);
    private final ArrayList<Consumer<Throwable>> done = new ArrayList<>(4);
    private int length;

    void add(Frame frame, byte[] bytes, Consumer<Throwable> completion) {
        frames.add(frame);
        prepared.add(bytes);
        done.add(completion);
        length += bytes.length;
    }

    int size() {
        return frames.size();
    }

    Frame frame(int i) {
        return frames.get(i);
    }

    Consumer<Throwable> done(int i) {
        return done.get(i);
    }

    /** The frames one after another; the one frame's shared bytes themselves when there is one. */
    byte[] bytes() {
        if (prepared.size() == 1) {
            return prepared.get(0);
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] bytes : prepared) {
            System.arraycopy(bytes, 0, all, at, bytes.length);
            at += bytes.length;
        }
        return all;
    }

    /** The write of all of them ended: each frame's completion is told, in order. */
    void completed(Throwable failure) {
        for (Consumer<Throwable> completion : done) {
            completion.accept(failure);
        }
    }
}
