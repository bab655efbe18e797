package dev.wspair.engine;

/**
 * How a socket's attachment is copied: a value to bytes and back. The engine keeps only the bytes;
 * the runtime supplies a JSON codec.
 */
public interface AttachmentCodec {

    /** Without a codec: attachments fail with a message that names what is missing. */
    AttachmentCodec NONE = new AttachmentCodec() {
        @Override
        public byte[] encode(Object value) {
            throw missing();
        }

        @Override
        public Object decode(byte[] bytes, Class<?> type) {
            throw missing();
        }

        private IllegalStateException missing() {
            return new IllegalStateException("WebSocket attachments need a JSON-B implementation"
                    + " (e.g. org.eclipse:yasson) and a runtime that provides it");
        }
    };

    /** The value as bytes; a new array. */
    byte[] encode(Object value);

    /** A new copy of the value that {@code bytes} hold, read as {@code type}. */
    Object decode(byte[] bytes, Class<?> type);
}
