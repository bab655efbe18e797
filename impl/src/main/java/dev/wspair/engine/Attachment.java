package dev.wspair.engine;

import dev.wspair.WebSocketException;

/** A socket's attachment: the bytes of the last value stored, copied in and out by a codec. */
final class Attachment {

    static final int MAX_BYTES = 16384;

    private final AttachmentCodec codec;
    private volatile byte[] bytes;

    Attachment(AttachmentCodec codec) {
        this.codec = codec;
    }

    /** Stores a copy of {@code value}; the previous one stays if it is too large. */
    void store(Object value) {
        byte[] encoded = codec.encode(value);
        if (encoded.length > MAX_BYTES) {
            throw new WebSocketException(Messages.attachmentTooLarge(encoded.length));
        }
        bytes = encoded;
    }

    /** A new copy of the stored value, or null when nothing was stored. */
    Object read(Class<?> type) {
        byte[] stored = bytes;
        return stored == null ? null : codec.decode(stored, type);
    }
}
