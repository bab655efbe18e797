package org.glassfish.tyrus.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The proposed {@link Masker} against two references: the XOR of RFC 6455 written out here, and
 * Tyrus 2.1.6's own class, loaded from the tyrus-core jar in a loader of its own (ours shadows it
 * on this class path, as on the bench server's).
 */
class MaskerTest {

    private static final URL TYRUS_CORE = ProtocolHandler.class.getProtectionDomain().getCodeSource().getLocation();
    private static final Class<?> RELEASED = releasedMasker();

    @Example
    void theClassUnderTestIsTheProposalAndTheReferenceIsTyrus() {
        assertNotSame(RELEASED, Masker.class);
        assertEquals(TYRUS_CORE, RELEASED.getProtectionDomain().getCodeSource().getLocation());
        assertNotEquals(TYRUS_CORE, Masker.class.getProtectionDomain().getCodeSource().getLocation());
    }

    /** As ProtocolHandler.unframe: 2 length bytes (read before the mask), the mask, the payload in pieces. */
    @Property(tries = 300)
    void unmaskingInPiecesGivesThePayloadBack(@ForAll int key, @ForAll @IntRange(max = 70_000) int length,
            @ForAll @IntRange(max = 15) int offset, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] payload = bytes(random, length);
        ByteBuffer frame = ByteBuffer.allocate(offset + 2 + 4 + length + 3);
        frame.position(offset);
        frame.put(new byte[] {0x12, 0x34}).putInt(key).put(xor(payload, keyBytes(key), 0)).put(new byte[3]);
        int[] cuts = cuts(random, length);
        Object released = newReleased(frame.duplicate().position(offset));

        Masker masker = new Masker(frame.position(offset));
        assertArrayEquals(new byte[] {0x12, 0x34}, masker.unmask(2));
        assertArrayEquals(new byte[] {0x12, 0x34}, (byte[]) call(released, "unmask", 2));
        masker.readMask();
        call(released, "readMask");
        byte[] ours = new byte[length];
        byte[] theirs = new byte[length];
        for (int i = 0; i + 1 < cuts.length; i++) {
            int n = cuts[i + 1] - cuts[i];
            System.arraycopy(masker.unmask(n), 0, ours, cuts[i], n);
            System.arraycopy((byte[]) call(released, "unmask", n), 0, theirs, cuts[i], n);
        }
        assertArrayEquals(payload, ours);
        assertArrayEquals(payload, theirs);
        assertEquals(offset + 6 + length, frame.position());
        assertEquals(length, index(masker));
    }

    /** As ProtocolHandler.frame, and in several calls: index carries the mask's phase across them. */
    @Property(tries = 300)
    void maskingInPiecesAtAnyLocationMatchesTheReference(@ForAll int key,
            @ForAll @IntRange(max = 70_000) int length, @ForAll @IntRange(max = 20) int location,
            @ForAll long seed) {
        Random random = new Random(seed);
        byte[] payload = bytes(random, length);
        byte[] target = bytes(random, location + length + 5);
        byte[] expected = target.clone();
        System.arraycopy(xor(payload, keyBytes(key), 0), 0, expected, location, length);
        byte[] theirs = target.clone();
        int[] cuts = cuts(random, length);

        Masker masker = new Masker(key);
        Object released = newReleased(key);
        for (int i = 0; i + 1 < cuts.length; i++) {
            byte[] piece = Arrays.copyOfRange(payload, cuts[i], cuts[i + 1]);
            masker.mask(target, location + cuts[i], piece, piece.length);
            call(released, "mask", theirs, location + cuts[i], piece, piece.length);
        }
        assertArrayEquals(expected, target);
        assertArrayEquals(expected, theirs);
        assertArrayEquals(keyBytes(key), masker.getMask());
    }

    @Example
    void withoutAMaskUnmaskReadsAndMaskCopies() {
        Masker masker = new Masker(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertNull(masker.getMask());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, masker.unmask(9));
        byte[] target = new byte[12];
        masker.mask(target, 2, new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, 9);
        assertArrayEquals(new byte[] {0, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, target);
        masker.mask(null, 0, new byte[1], 1);
        masker.mask(target, 0, null, 1);
        assertEquals(0, index(masker));
    }

    /**
     * Any arguments, also those Tyrus's loop stops on part-way (short arrays, negative locations,
     * target == bytes, index about to overflow): the same exception, bytes and index as Tyrus.
     */
    @Property(tries = 3000)
    void maskWithAnyArgumentsBehavesAsTyrus(@ForAll int key, @ForAll("indexes") int start,
            @ForAll @IntRange(max = 40) int targetLength, @ForAll @IntRange(min = -4, max = 44) int location,
            @ForAll @IntRange(max = 40) int bytesLength, @ForAll @IntRange(min = -2, max = 44) int length,
            @ForAll boolean sameArray, @ForAll boolean masked, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] target = bytes(random, targetLength);
        byte[] source = sameArray ? target : bytes(random, bytesLength);
        byte[] theirTarget = target.clone();
        byte[] theirSource = sameArray ? theirTarget : source.clone();
        Masker masker = masked ? new Masker(key) : new Masker(ByteBuffer.allocate(0));
        Object released = masked ? newReleased(key) : newReleased(ByteBuffer.allocate(0));
        setIndex(masker, start);
        setIndex(released, start);

        String ours = outcome(() -> {
            masker.mask(target, location, source, length);
            return null;
        });
        String theirs = outcome(() -> call(released, "mask", theirTarget, location, theirSource, length));
        assertEquals(theirs, ours);
        assertArrayEquals(theirTarget, target);
        assertArrayEquals(theirSource, source);
        assertEquals(index(released), index(masker));
    }

    @Property(tries = 500)
    void unmaskAcrossTheIndexLimitBehavesAsTyrus(@ForAll int key, @ForAll("indexes") int start,
            @ForAll @IntRange(max = 40) int count, @ForAll long seed) {
        Random random = new Random(seed);
        ByteBuffer frame = ByteBuffer.wrap(bytes(random, 4 + 40));
        Masker masker = new Masker(frame);
        Object released = newReleased(frame.duplicate());
        masker.readMask();
        call(released, "readMask");
        setIndex(masker, start);
        setIndex(released, start);

        assertEquals(outcome(() -> Arrays.toString((byte[]) call(released, "unmask", count))),
                outcome(() -> Arrays.toString(masker.unmask(count))));
        assertEquals(index(released), index(masker));
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(Integer.MAX_VALUE - 50, Integer.MAX_VALUE),
                Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MIN_VALUE + 10));
    }

    /** The XOR of RFC 6455 section 5.3, byte by byte, starting at byte {@code start} of the payload. */
    private static byte[] xor(byte[] data, byte[] key, int start) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (byte) (data[i] ^ key[(start + i) % 4]);
        }
        return out;
    }

    private static byte[] keyBytes(int key) {
        return ByteBuffer.allocate(4).putInt(key).array();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** 0, up to 4 random cut points, length: the pieces a payload is (un)masked in. */
    private static int[] cuts(Random random, int length) {
        TreeSet<Integer> cuts = new TreeSet<>(Arrays.asList(0, length));
        for (int i = random.nextInt(5); i > 0; i--) {
            cuts.add(random.nextInt(length + 1));
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String outcome(Supplier<Object> call) {
        try {
            return "returned " + call.get();
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName();
        }
    }

    private static Class<?> releasedMasker() {
        try {
            ClassLoader loader = new URLClassLoader(new URL[] {TYRUS_CORE}, ClassLoader.getPlatformClassLoader());
            return Class.forName(Masker.class.getName(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Object newReleased(Object argument) {
        try {
            Class<?> type = argument instanceof Integer ? int.class : ByteBuffer.class;
            Constructor<?> constructor = RELEASED.getDeclaredConstructor(type);
            constructor.setAccessible(true);
            return constructor.newInstance(argument);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A method of Tyrus's Masker; its exceptions are thrown as they are. */
    private static Object call(Object released, String name, Object... args) {
        for (Method method : RELEASED.getDeclaredMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                method.setAccessible(true);
                try {
                    return method.invoke(released, args);
                } catch (InvocationTargetException e) {
                    throw (RuntimeException) e.getCause();
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no " + name);
    }

    private static int index(Object masker) {
        try {
            return indexField(masker).getInt(masker);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static void setIndex(Object masker, int index) {
        try {
            indexField(masker).setInt(masker, index);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field indexField(Object masker) {
        try {
            Field field = masker.getClass().getDeclaredField("index");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
