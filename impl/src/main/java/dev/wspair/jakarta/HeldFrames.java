package dev.wspair.jakarta;

import dev.wspair.engine.Frame;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Frames of one connection waiting to be written in one piece, with what each frame's completion
 * tells the outbound queue: prepared text frames ({@link ServerTextFrames}) and binary messages,
 * whose header is written when the piece is made. Used by one thread at a time (the queue's hand-over).
 */
final class HeldFrames {

    private final ArrayList<Frame> frames = new ArrayList<>(4);
    /** Per frame: the text frame's wire bytes, or null for a binary message (framed in {@link #bytes()}). */
    private final ArrayList<byte[]> prepared = new ArrayList<>(4);
    private final ArrayList<Consumer<Throwable>> done = new ArrayList<>(4);
    private int length;

    /** Holds {@code frame}: a text frame with its wire bytes, or a binary one with {@code bytes} null. */
    void add(Frame frame, byte[] bytes, Consumer<Throwable> completion) {
        frames.add(frame);
        prepared.add(bytes);
        done.add(completion);
        length += bytes != null ? bytes.length : FrameHeader.size(frame.bytes().length, false) + frame.bytes().length;
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

    /** The frames one after another; the one text frame's shared bytes themselves when there is one. */
    byte[] bytes() {
        if (prepared.size() == 1 && prepared.get(0) != null) {
            return prepared.get(0);
        }
        byte[] all = new byte[length];
        int at = 0;
        for (int i = 0; i < frames.size(); i++) {
            byte[] bytes = prepared.get(i);
            if (bytes == null) {
                // a binary message: its header, then its payload, straight into the piece
                bytes = frames.get(i).bytes();
                at += FrameHeader.write(all, at, FrameHeader.BINARY, bytes.length, null);
            }
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
