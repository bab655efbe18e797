/*
 * wspair's proposal for Eclipse Tyrus: a faster org.glassfish.tyrus.core.Masker (tyrus-core 2.1.6).
 * Written for wspair from the class's behaviour (javap of the released jar), not copied from
 * Tyrus's source. See README.md in this folder for the problem, the measurements and the diff.
 */
package org.glassfish.tyrus.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The masking of RFC 6455 section 5.3: byte {@code i} of a payload is XORed with byte
 * {@code i % 4} of the 4-byte masking key.
 *
 * <p>A drop-in replacement for Tyrus 2.1.6's class: the same package, constructors, methods and
 * results. {@code index} (bytes masked so far) is carried across calls, so a payload masked or
 * unmasked in several calls gives the same bytes as one call. Calls Tyrus's loop stops part-way
 * (an array too short, a negative location, {@code index} past {@link Integer#MAX_VALUE}) and a
 * {@code target == bytes} that overlaps ahead (the loop reads back what it wrote) take a
 * byte-by-byte path with Tyrus's order of effects, so even the exception and the bytes written
 * before it match.
 *
 * <p>What differs is the cost. Tyrus reads the volatile {@code mask} and reads and writes the
 * volatile {@code index} for every byte; a volatile store is a full fence on x86, about 110 µs per
 * 16 KiB frame. Here the fields are read once and {@code index} written once per call, and the
 * payload is XORed 8 bytes at a time through a {@code long} view of the array.
 */
class Masker {

    /** Eight bytes of a byte[] as one long; the pattern below is built in the same order. */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int MASK_SIZE = 4;

    // Volatile as in Tyrus, for the same visibility between calls made on different threads.
    private volatile ByteBuffer buffer;
    private volatile byte[] mask;
    /** Bytes masked so far: the next one is XORed with {@code mask[index % 4]}. */
    private volatile int index;

    public Masker(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public Masker(int mask) {
        this.mask = new byte[] {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
    }

    byte get() {
        return buffer.get();
    }

    byte[] get(int size) {
        byte[] bytes = new byte[size];
        buffer.get(bytes);
        return bytes;
    }

    /** The next {@code count} bytes of the buffer, unmasked if a mask was read. */
    public byte[] unmask(int count) {
        byte[] bytes = get(count);
        byte[] m = mask;
        if (m == null) {
            return bytes;
        }
        int start = index;
        if (fits(start, bytes.length)) {
            xor(bytes, 0, bytes, 0, bytes.length, m, start);
            index = start + bytes.length;
        } else {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] ^= mask[index++ % MASK_SIZE];
            }
        }
        return bytes;
    }

    /**
     * Writes {@code bytes[0..length)} to {@code target} from {@code location}, masked if this
     * masker has a mask, copied if not; nothing if either array is null.
     */
    public void mask(byte[] target, int location, byte[] bytes, int length) {
        if (bytes == null || target == null || length <= 0) {
            return;
        }
        byte[] m = mask;
        int start = index;
        boolean inBounds = location >= 0 && location <= target.length - length && length <= bytes.length;
        // Tyrus's forward loop reads bytes it has just written when the target overlaps ahead.
        boolean overlapsAhead = target == bytes && location > 0 && location < length;
        if (!inBounds || overlapsAhead || (m != null && !fits(start, length))) {
            maskByteByByte(target, location, bytes, length);
        } else if (m == null) {
            System.arraycopy(bytes, 0, target, location, length);
        } else {
            xor(bytes, 0, target, location, length, m, start);
            index = start + length;
        }
    }

    public void setBuffer(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    public byte[] getMask() {
        return mask;
    }

    public void readMask() {
        mask = get(MASK_SIZE);
    }

    /** Whether {@code count} more bytes keep {@code index} non-negative, so {@code % 4} is {@code & 3}. */
    private static boolean fits(int start, int count) {
        return start >= 0 && start <= Integer.MAX_VALUE - count;
    }

    /** The order of effects of Tyrus's loop, for the calls it stops part-way. */
    private void maskByteByByte(byte[] target, int location, byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            target[location + i] = mask == null ? bytes[i] : (byte) (bytes[i] ^ mask[index++ % MASK_SIZE]);
        }
    }

    /**
     * {@code dst[dstOff + i] = src[srcOff + i] ^ m[(start + i) % 4]} for {@code i < n}; the caller
     * has checked the ranges and that {@code start + n} does not overflow. An 8-byte step is a
     * multiple of 4, so every long is XORed with the same pattern: the mask rotated by the phase.
     */
    private static void xor(byte[] src, int srcOff, byte[] dst, int dstOff, int n, byte[] m, int start) {
        int phase = start & 3;
        long pattern = 0;
        for (int k = 0; k < 8; k++) {
            int shift = LITTLE_ENDIAN ? 8 * k : 8 * (7 - k);
            pattern |= (m[(phase + k) & 3] & 0xFFL) << shift;
        }
        int i = 0;
        for (; i <= n - 8; i += 8) {
            LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ pattern);
        }
        for (; i < n; i++) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ m[(phase + i) & 3]);
        }
    }
}
