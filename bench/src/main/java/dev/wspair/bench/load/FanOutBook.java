package dev.wspair.bench.load;

import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/**
 * The bookkeeping of the fan-out mode: one client sends numbered messages, the server sends each to
 * all C clients. At most W messages are in flight: message k+W goes out once message k has reached
 * every client. Each client must get 0, 1, 2... in order: every delivery is checked against the
 * client's next expected number, and the totals against messages sent × clients once the run has
 * drained, so that a message lost, duplicated or reordered shows in the result.
 */
final class FanOutBook {

    /** Digits of the sequence number at the start of each payload. */
    static final int DIGITS = 10;

    private final int clients;
    private final int window;
    private final int size;
    private final Histogram latency;
    private final long[] sentAt;
    private final int[] reached;
    private long sent;
    private long done;
    private long deliveries;
    private long windowDeliveries;
    private long outOfOrder;
    private boolean measuring;

    FanOutBook(int clients, int window, int size, Histogram latency) {
        this.clients = clients;
        this.window = window;
        this.size = Math.max(size, DIGITS);
        this.latency = latency;
        this.sentAt = new long[window];
        this.reached = new int[window];
    }

    /** Whether another message may go out now. */
    boolean maySend() {
        return sent - done < window;
    }

    /** The next message: its number in ASCII digits, padded to the size. */
    String next(long now) {
        sentAt[(int) (sent % window)] = now;
        StringBuilder s = new StringBuilder(size);
        String digits = Long.toString(sent++);
        for (int i = digits.length(); i < DIGITS; i++) {
            s.append('0');
        }
        s.append(digits);
        while (s.length() < size) {
            s.append('x');
        }
        return s.toString();
    }

    /** Reads the number at the start of a payload ({@code head} holds its first bytes). */
    static long sequence(byte[] head, int length) {
        if (length < DIGITS) {
            return -1;
        }
        return Long.parseLong(new String(head, 0, DIGITS, StandardCharsets.US_ASCII));
    }

    /**
     * A client got message {@code seq} while expecting {@code expected}.
     *
     * @return the client's next expected number
     */
    long delivered(long expected, long seq, long now) {
        deliveries++;
        if (seq != expected) {
            outOfOrder++;
        }
        if (seq >= done && seq < sent) {
            int slot = (int) (seq % window);
            if (measuring) {
                windowDeliveries++;
                latency.recordValue(Math.min(now - sentAt[slot], latency.getHighestTrackableValue()));
            }
            if (++reached[slot] == clients && seq == done) {
                advance();
            }
        }
        return seq + 1;
    }

    /** Messages that reached everyone leave the window, in order. */
    private void advance() {
        while (done < sent && reached[(int) (done % window)] == clients) {
            reached[(int) (done % window)] = 0;
            done++;
        }
    }

    void measure(boolean on) {
        measuring = on;
        if (on) {
            windowDeliveries = 0;
        }
    }

    long windowDeliveries() {
        return windowDeliveries;
    }

    long sent() {
        return sent;
    }

    /** Whether every message sent has reached every client. */
    boolean complete() {
        return done == sent;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    /** Deliveries missing: messages sent × clients − deliveries (negative: duplicates). */
    long missing() {
        return sent * clients - deliveries;
    }
}
