package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Given a random sequence of client frames (masked or not, any opcode and RSV bits, 7-, 16- and
 * 64-bit lengths, sometimes a frame Tyrus refuses) cut into reads at random places, and each read
 * placed at a random offset in its array, then {@link UnmaskingFilter.ClientFrames} writes what a
 * byte-by-byte reference does: every frame up to the first refused one unmasked, with the MASK bit
 * cleared and the key removed, and from the refused one on, the bytes as they came.
 */
class ClientFramesPropertyTest {

    /** One frame as a client sends it; {@code refused} when Tyrus would fail on it. */
    record Frame(int first, boolean masked, byte[] payload, int key, boolean refused) {
        byte[] wire(boolean unmaskKeyless) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean withKey = masked && !unmaskKeyless;
            out.write(first);
            int maskBit = withKey ? 0x80 : 0;
            int length = payload.length;
            if (refused && (first & 0x08) != 0 && length < 126) {
                // a control frame with a 16-bit length: over 125, refused on its first two bytes
                out.write(maskBit | 126);
                out.write(0);
                out.write(length);
            } else if (length < 126) {
                out.write(maskBit | length);
            } else if (length < 65536) {
                out.write(maskBit | 126);
                out.write(length >> 8);
                out.write(length);
            } else {
                out.write(maskBit | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) length >> shift));
                }
            }
            if (withKey) {
                for (int shift = 24; shift >= 0; shift -= 8) {
                    out.write(key >> shift);
                }
            }
            for (int i = 0; i < length; i++) {
                out.write(withKey ? payload[i] ^ key >> 24 - 8 * (i & 3) : payload[i]);
            }
            return out.toByteArray();
        }
    }

    /** A frame: mostly data frames of every length class, some control frames, rarely one Tyrus refuses. */
    static Frame randomFrame(Random random, boolean allowRefused) {
        int kind = random.nextInt(100);
        int rsv = random.nextInt(10) == 0 ? random.nextInt(8) << 4 : 0;
        int fin = random.nextBoolean() ? 0x80 : 0;
        boolean masked = random.nextInt(10) != 0;
        int key = random.nextInt();
        if (allowRefused && kind < 4) {
            int first = switch (random.nextInt(3)) {
                case 0 -> 0x80 | new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}[random.nextInt(10)];
                case 1 -> 0x08 | random.nextInt(3); // a fragmented control frame
                default -> 0x88 | random.nextInt(3);   // a control frame with a 16-bit length
            };
            return new Frame(first, masked, bytes(random, random.nextInt(20)), key, true);
        }
        if (kind < 25) {
            return new Frame(0x88 | random.nextInt(3) | rsv, masked, bytes(random, random.nextInt(126)), key, false);
        }
        int length = switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> random.nextInt(126);
            case 4, 5, 6, 7 -> 126 + random.nextInt(65536 - 126);
            case 8 -> random.nextInt(20);
            default -> 65536 + random.nextInt(70_000);
        };
        return new Frame(fin | rsv | random.nextInt(3), masked, bytes(random, length), key, false);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The reference: each frame rewritten on its own, byte by byte; from the first refused frame on, the bytes as sent. */
    static byte[] expected(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean off = false;
        for (Frame frame : frames) {
            off |= frame.refused();
            if (off || !frame.masked()) {
                out.writeBytes(frame.wire(false));
            } else {
                byte[] keyless = frame.wire(true);
                keyless[1] &= 0x7f;
                out.writeBytes(keyless);
            }
        }
        return out.toByteArray();
    }

    /**
     * Feeds {@code sent} to one connection's state as the filter does: a read with nothing held
     * is rewritten in place (at a random offset of a larger array), one after a split header in a
     * new array with room for the held bytes first.
     */
    static byte[] rewritten(byte[] sent, List<Integer> cuts, UnmaskingFilter.ClientFrames frames, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int end = i < cuts.size() ? cuts.get(i) : sent.length;
            int length = end - start;
            int held = frames.held();
            if (held == 0) {
                int offset = random.nextInt(16);
                byte[] read = new byte[offset + length + random.nextInt(16)];
                random.nextBytes(read);
                System.arraycopy(sent, start, read, offset, length);
                int outEnd = frames.rewrite(read, offset, offset, offset + length);
                out.write(read, offset, outEnd - offset);
            } else {
                byte[] read = new byte[held + length];
                System.arraycopy(sent, start, read, held, length);
                int outEnd = frames.rewrite(read, 0, held, read.length);
                out.write(read, 0, outEnd);
            }
            start = end;
        }
        return out.toByteArray();
    }

    @Property(tries = 300)
    void anyCuttingOfAnyFramesGivesTheReferenceOutput(@ForAll long seed) {
        Random random = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            frames.add(randomFrame(random, true));
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        frames.forEach(frame -> sent.writeBytes(frame.wire(false)));
        byte[] bytes = sent.toByteArray();
        List<Integer> cuts = cuts(random, bytes.length);

        UnmaskingFilter.ClientFrames state = new UnmaskingFilter.ClientFrames();
        assertArrayEquals(expected(frames), rewritten(bytes, cuts, state, random), () -> frames.size() + " frames cut at " + cuts);
        long masked = 0;
        for (Frame frame : frames) {
            if (frame.refused()) {
                break;
            }
            masked += frame.masked() ? 1 : 0;
        }
        assertEquals(masked, state.unmasked());
        assertEquals(0, state.held(), "the last frame is complete: nothing held");
    }

    @Property(tries = 200)
    void aReadOfOneByteAtATimeGivesTheReferenceOutput(@ForAll long seed) {
        Random random = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Frame frame = randomFrame(random, false);
            if (frame.payload().length > 300) {
                frame = new Frame(frame.first(), frame.masked(), Arrays.copyOf(frame.payload(), 300), frame.key(), false);
            }
            frames.add(frame);
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        frames.forEach(frame -> sent.writeBytes(frame.wire(false)));
        byte[] bytes = sent.toByteArray();
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < bytes.length; i++) {
            cuts.add(i);
        }
        assertArrayEquals(expected(frames), rewritten(bytes, cuts, new UnmaskingFilter.ClientFrames(), random));
    }

    /** Cut points: often a few, sometimes many small reads. */
    private static List<Integer> cuts(Random random, int length) {
        TreeSet<Integer> cuts = new TreeSet<>();
        int count = random.nextInt(4) == 0 ? random.nextInt(Math.max(1, length / 3)) : random.nextInt(20);
        for (int i = 0; i < count && length > 1; i++) {
            cuts.add(1 + random.nextInt(length - 1));
        }
        return List.copyOf(cuts);
    }
}
