package dev.wspair.jakarta;

/**
 * The header of one final frame without extension bits (RFC 6455 §5.2), as the frames this package
 * writes below the container need it ({@link ServerTextFrames}, {@link TyrusInternals#closeFrame}):
 * FIN and the opcode, the payload length in its shortest form, and a client's masking key.
 */
final class FrameHeader {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;

    private FrameHeader() {
    }

    /** The header's size for {@code length} payload bytes, with a masking key when {@code masked}. */
    static int size(int length, boolean masked) {
        return (length < 126 ? 2 : length <= 0xFFFF ? 4 : 10) + (masked ? 4 : 0);
    }

    /** A server's frame (unmasked) of {@code opcode} with {@code payload}: the header and a copy of the payload. */
    static byte[] frame(int opcode, byte[] payload) {
        int header = size(payload.length, false);
        byte[] frame = new byte[header + payload.length];
        write(frame, opcode, payload.length, null);
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
    }

    /**
     * Writes the header at the start of {@code frame}: {@code opcode}, {@code length}, and {@code
     * mask} (4 bytes) when not null. The payload goes at {@link #size}; masking it is the caller's.
     */
    static void write(byte[] frame, int opcode, int length, byte[] mask) {
        write(frame, 0, opcode, length, mask);
    }

    /** Writes the header at {@code offset} of {@code into}, as {@link #write(byte[], int, int, byte[])}; returns its size. */
    static int write(byte[] into, int offset, int opcode, int length, byte[] mask) {
        into[offset] = (byte) (0x80 | opcode);
        int maskBit = mask == null ? 0 : 0x80;
        int at = offset + 1;
        if (length < 126) {
            into[at++] = (byte) (maskBit | length);
        } else if (length <= 0xFFFF) {
            into[at++] = (byte) (maskBit | 126);
            into[at++] = (byte) (length >>> 8);
            into[at++] = (byte) length;
        } else {
            into[at++] = (byte) (maskBit | 127);
            long wide = length;
            for (int i = 0; i < 8; i++) {
                into[at++] = (byte) (wide >>> (56 - 8 * i));
            }
        }
        if (mask != null) {
            System.arraycopy(mask, 0, into, at, 4);
            at += 4;
        }
        return at - offset;
    }
}
