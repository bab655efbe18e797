package dev.wspair.jakarta;

/**
 * The header of one final frame without extension bits (RFC 6455 §5.2), as the frames this package
 * writes below the container need it ({@link ServerTextFrames}, {@link TyrusInternals#closeFrame}):
 * FIN and the opcode, the payload length in its shortest form, and a client's masking key.
 */
final class FrameHeader {

    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;

    private FrameHeader() {
    }

    /** The header's size for {@code length} payload bytes, with a masking key when {@code masked}. */
    static int size(int length, boolean masked) {
        return (length < 126 ? 2 : length <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
    }

    /**
     * Writes the header at the start of {@code frame}: {@code opcode}, {@code length}, and {@code
     * mask} (4 bytes) when not null. The payload goes at {@link #size}; masking it is the caller's.
     */
    static void write(byte[] frame, int opcode, int length, byte[] mask) {
        frame[0] = (byte) (0x80 | opcode);
        int maskBit = mask == null ? 0 : 0x80;
        int at;
        if (length < 126) {
            frame[1] = (byte) (maskBit | length);
            at = 2;
        } else if (length <= 0xFFFF) {
            frame[1] = (byte) (maskBit | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
            at = 4;
        } else {
            frame[1] = (byte) (maskBit | 127);
            long wide = length;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (wide >>> (56 - 8 * i));
            }
            at = 10;
        }
        if (mask != null) {
            System.arraycopy(mask, 0, frame, at, 4);
        }
    }
}
