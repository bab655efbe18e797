package dev.wspair.jakarta;

import dev.wspair.engine.Utf8;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of the text messages sent through a bridge lately, as a server sends them: one final
 * text frame, unmasked, no extension. A broadcast sends the same {@code String} to every socket, so
 * it is encoded once and the same bytes are written to each connection (as Tyrus's own {@code
 * TyrusSession.broadcast} does). The last {@link #SIZE} strings are kept, because a batch of an
 * object's turns writes each socket's messages one after another ({@code DeferredFlushes}: m1, m2,
 * ... to the first socket, then m1, m2, ... to the next), so the strings alternate. Matched by
 * identity: equal strings that are different objects are encoded again, which costs what the
 * normal path costs anyway.
 *
 * <p>Safe for concurrent use without a lock: entries are immutable (final fields, so a racy read
 * sees them whole), and a race loses at most an entry, which is then encoded again.
 */
final class ServerTextFrames {

    /** Strings remembered: the turns of one batch ({@code DeferredFlushes.MAX_TURNS}), twice over. */
    static final int SIZE = 32;

    private final Entry[] recent = new Entry[SIZE];
    /** Where the next entry goes (modulo SIZE); racy by design. */
    private int next;

    /**
     * The frame of {@code text}, or null when this path must not send it: a lone surrogate, which
     * Java's encoder replaces differently from the container's.
     */
    byte[] of(String text) {
        Entry[] entries = recent;
        int newest = next;
        for (int i = 1; i <= SIZE; i++) {
            Entry entry = entries[(newest - i) & (SIZE - 1)];
            if (entry == null) {
                break;
            }
            if (entry.text == text) {
                return entry.frame;
            }
        }
        Entry entry = new Entry(text, encode(text));
        entries[newest & (SIZE - 1)] = entry;
        next = newest + 1;
        return entry.frame;
    }

    /** The frame of {@code text}; null when its UTF-8 from {@link String#getBytes} is not what a JavaScript engine writes. */
    static byte[] encode(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length != Utf8.length(text)) {
            return null;
        }
        return FrameHeader.frame(FrameHeader.TEXT, payload);
    }

    private record Entry(String text, byte[] frame) {
    }
}
