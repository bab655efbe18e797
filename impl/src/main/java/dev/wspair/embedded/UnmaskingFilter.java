package dev.wspair.embedded;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.LongAdder;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * Unmasks the client's WebSocket frames before Tyrus reads them, eight bytes at a time, and hands
 * Tyrus the same frames with the MASK bit cleared and the four key bytes removed. Tyrus 2.1.6
 * unmasks byte by byte through a {@code volatile} mask and a {@code volatile} index ({@code
 * Masker.unmask}, a volatile store per byte): a 16 KiB binary echo cost 158 µs of server CPU per
 * message, 110 µs of them in that loop, where Node's ws spends 42 µs in all ({@code
 * bench/profile.sh large}; with this filter, 46 to 57 µs). Tyrus reads a mask
 * only when the MASK bit is set and does not refuse unmasked client frames (README D18), so it
 * then only copies the payload.
 *
 * <p>The embedded runtime's only: Payara and WildFly have their own transports. It sits in the
 * listener's chain right before Tyrus's filter, so it sees what Tyrus sees: plaintext (it is above
 * the TLS filter) after the HTTP codec. It starts on a connection with the first read after
 * Tyrus completed the handshake, a frame boundary; if the handshake request came with bytes after
 * its headers (frames sent before the 101, which Tyrus drops), that connection stays Tyrus's
 * alone. Frames that come unmasked pass as they are; RSV bits and opcodes are kept; a frame
 * header split across reads is held until it is complete. Anything Tyrus refuses on a frame's
 * header (a reserved opcode, a fragmented or over-long control frame, a length of 2^31 or more)
 * ends the unmasking for the rest of that connection, from that frame on, so Tyrus gets those
 * bytes as they came and fails as it would have. {@code wspair.embedded.fastUnmask=false} leaves
 * the filter out.
 */
final class UnmaskingFilter extends BaseFilter {

    /** Tyrus's Grizzly filter: ours goes right before it. */
    private static final String TYRUS_FILTER = "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter";

    /** Set by Tyrus's filter on a connection once its handshake succeeded (an attribute is found by its name). */
    private static final Attribute<Object> TYRUS_CONNECTION =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(TYRUS_FILTER + ".Connection");

    private static final Attribute<ClientFrames> FRAMES =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(UnmaskingFilter.class.getName() + ".frames");

    private final LongAdder unmaskedFrames = new LongAdder();

    /** An add-on that puts a new filter before Tyrus's; registered after Tyrus's own add-on. Without Tyrus's filter, none. */
    static AddOn addOn(UnmaskingFilter filter) {
        return (listener, builder) -> {
            Class<? extends Filter> tyrus = tyrusFilterType();
            int index = tyrus == null ? -1 : builder.indexOfType(tyrus);
            if (index >= 0) {
                builder.add(index, filter);
            }
        };
    }

    /** The class of Tyrus's Grizzly filter, or null in another Tyrus (which then keeps its own ways). */
    static Class<? extends Filter> tyrusFilterType() {
        try {
            return Class.forName(TYRUS_FILTER, false, WebSocketAddOn.class.getClassLoader()).asSubclass(Filter.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            return null;
        }
    }

    /** How many frames this filter unmasked. */
    long unmaskedFrames() {
        return unmaskedFrames.sum();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        if (!(ctx.getMessage() instanceof HttpContent message) || HttpContent.isBroken(message)) {
            return ctx.getInvokeAction();
        }
        var connection = ctx.getConnection();
        ClientFrames frames = FRAMES.get(connection);
        if (!TYRUS_CONNECTION.isSet(connection)) {
            HttpHeader header = message.getHttpHeader();
            if (header.isRequest() && "websocket".equalsIgnoreCase(header.getUpgrade())) {
                // the handshake; bytes after its headers, or a second read before Tyrus upgraded: Tyrus alone
                FRAMES.set(connection, frames == null && !message.getContent().hasRemaining()
                        ? new ClientFrames() : ClientFrames.OFF);
            }
            return ctx.getInvokeAction();
        }
        if (frames == null) {
            // upgraded without our seeing the handshake: where a frame starts is unknown
            FRAMES.set(connection, ClientFrames.OFF);
            return ctx.getInvokeAction();
        }
        if (frames.off() || !message.getContent().hasRemaining()) {
            return ctx.getInvokeAction();
        }
        long before = frames.unmasked();
        Buffer content = message.getContent();
        int held = frames.held();
        if (held == 0 && !content.isComposite() && content.hasArray() && !content.isReadOnly()) {
            // in place: the frames only shrink
            int start = content.arrayOffset() + content.position();
            int end = frames.rewrite(content.array(), start, start, content.arrayOffset() + content.limit());
            content.limit(end - content.arrayOffset());
        } else {
            // a header held from the last read goes first, or the bytes are not one array: a copy
            byte[] copy = new byte[held + content.remaining()];
            content.get(copy, held, content.remaining());
            int end = frames.rewrite(copy, 0, held, copy.length);
            HttpContent rewritten = HttpContent.create(message.getHttpHeader(), message.isLast(),
                    Buffers.wrap(ctx.getMemoryManager(), copy, 0, end));
            message.recycle();
            ctx.setMessage(rewritten);
        }
        if (frames.unmasked() != before) {
            unmaskedFrames.add(frames.unmasked() - before);
        }
        return ctx.getInvokeAction();
    }

    /**
     * One connection's client frames, as a state machine fed the bytes of each read in order:
     * where the current frame's header or payload is, its key and the key's offset. Grizzly reads
     * a connection on one thread at a time, so it needs no lock.
     */
    static final class ClientFrames {

        /** Leaves every frame as it is. */
        static final ClientFrames OFF = new ClientFrames(true);

        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
        private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

        private final byte[] header = new byte[14];
        /** Header bytes read so far, and how many the header has (2 until its second byte is read). */
        private int have;
        private int need = 2;
        /** Payload bytes of the current frame still to come. */
        private long left;
        private boolean masked;
        /** The key as a big-endian int, and the key byte the next payload byte takes (0-3). */
        private int key;
        private int phase;
        private boolean off;
        private long unmasked;

        ClientFrames() {
            this(false);
        }

        private ClientFrames(boolean off) {
            this.off = off;
        }

        boolean off() {
            return off;
        }

        /** Frames unmasked so far. */
        long unmasked() {
            return unmasked;
        }

        /** Bytes of a header split across reads, to be written before the next read's bytes. */
        int held() {
            return have;
        }

        /**
         * Takes the read's bytes {@code a[from, to)} and writes the frames, unmasked, from {@code
         * out} on, where {@code out + held() <= from}: the output never overtakes the input.
         * Returns where the output ends.
         */
        int rewrite(byte[] a, int out, int from, int to) {
            int w = out;
            int r = from;
            while (r < to) {
                if (off) {
                    System.arraycopy(a, r, a, w, to - r);
                    return w + to - r;
                }
                if (left > 0) {
                    int n = (int) Math.min(left, to - r);
                    if (masked) {
                        unmask(a, r, w, n);
                    } else if (w != r) {
                        System.arraycopy(a, r, a, w, n);
                    }
                    r += n;
                    w += n;
                    left -= n;
                    continue;
                }
                header[have++] = a[r++];
                if (have == 2) {
                    if (refused(header[0], header[1])) {
                        return giveUp(a, w, r, to);
                    }
                    masked = header[1] < 0;
                    int lengthCode = header[1] & 0x7f;
                    need = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + (masked ? 4 : 0);
                }
                if (have < need) {
                    continue;
                }
                long length = length();
                if (length < 0 || length > Integer.MAX_VALUE) {
                    return giveUp(a, w, r, to);
                }
                int kept = need;
                if (masked) {
                    kept -= 4;
                    key = (header[kept] & 0xff) << 24 | (header[kept + 1] & 0xff) << 16
                            | (header[kept + 2] & 0xff) << 8 | header[kept + 3] & 0xff;
                    header[1] &= 0x7f;
                    phase = 0;
                    unmasked++;
                }
                System.arraycopy(header, 0, a, w, kept);
                w += kept;
                left = length;
                have = 0;
                need = 2;
            }
            return w;
        }

        /** What Tyrus refuses on a frame's first two bytes: a reserved opcode, a fragmented or long control frame. */
        private static boolean refused(byte first, byte second) {
            int opcode = first & 0x0f;
            if (opcode >= 8) {
                return opcode > 10 || (first & 0x80) == 0 || (second & 0x7f) > 125;
            }
            return opcode > 2;
        }

        private long length() {
            int lengthCode = header[1] & 0x7f;
            if (lengthCode < 126) {
                return lengthCode;
            }
            long length = 0;
            for (int i = 2; i < (lengthCode == 126 ? 4 : 10); i++) {
                length = length << 8 | header[i] & 0xff;
            }
            return length;
        }

        /** From here on the bytes go as they came, starting with the header read so far. */
        private int giveUp(byte[] a, int w, int r, int to) {
            off = true;
            System.arraycopy(header, 0, a, w, have);
            w += have;
            have = 0;
            System.arraycopy(a, r, a, w, to - r);
            return w + to - r;
        }

        /** {@code n} payload bytes from {@code a[r]} to {@code a[w]}, {@code w <= r}, unmasked. */
        private void unmask(byte[] a, int r, int w, int n) {
            int k = Integer.rotateLeft(key, 8 * phase);
            long eight = (long) k << 32 | k & 0xffffffffL;
            if (!BIG_ENDIAN) {
                eight = Long.reverseBytes(eight);
            }
            int i = 0;
            for (; i <= n - 8; i += 8) {
                LONGS.set(a, w + i, (long) LONGS.get(a, r + i) ^ eight);
            }
            for (; i < n; i++) {
                a[w + i] = (byte) (a[r + i] ^ k >>> 24 - 8 * (i & 3));
            }
            phase = (phase + n) & 3;
        }
    }
}
