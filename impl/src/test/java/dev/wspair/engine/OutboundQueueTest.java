package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The outbound FIFO: one write at a time, in order, exact bufferedAmount, no recursion. */
class OutboundQueueTest {

    /** A connection whose writes complete when the test says so. */
    private static final class HeldWriter implements FrameWriter {
        final List<Frame> started = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        final int window;
        boolean closed;
        int closeCode;

        HeldWriter(int window) {
            this.window = window;
        }

        HeldWriter() {
            this(1);
        }

        @Override
        public void write(Frame frame, Consumer<Throwable> done) {
            assertTrue(pending.size() < window, "more frames in flight than the window allows");
            started.add(frame);
            pending.add(done);
        }

        void completeOne() {
            pending.remove(0).accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closed = true;
            closeCode = code;
        }
    }

    @Test
    void writesOneFrameAtATimeAndStartsTheNextFromTheCompletion() {
        HeldWriter writer = new HeldWriter();
        OutboundQueue queue = new OutboundQueue(writer, 1);
        queue.write(Frame.text("a"));
        queue.flush();
        queue.write(Frame.text("bb"));
        queue.flush();
        queue.write(Frame.binary(new byte[4]));
        queue.flush();

        assertEquals(1, writer.started.size());
        assertEquals(7, queue.bufferedAmount());
        writer.completeOne();
        assertEquals(2, writer.started.size());
        assertEquals(6, queue.bufferedAmount());
        writer.completeOne();
        writer.completeOne();
        assertEquals(0, queue.bufferedAmount());
        assertEquals(List.of("TEXT[1 bytes]", "TEXT[2 bytes]", "BINARY[4 bytes]"),
                writer.started.stream().map(Frame::toString).toList());
    }

    @Test
    void inlineCompletionsDoNotRecurse() {
        AtomicInteger written = new AtomicInteger();
        OutboundQueue queue = new OutboundQueue(new FrameWriter() {
            @Override
            public void write(Frame frame, Consumer<Throwable> done) {
                written.incrementAndGet();
                done.accept(null);
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 1);
        for (int i = 0; i < 200_000; i++) {
            queue.write(Frame.text("x"));
            queue.flush();
        }
        assertEquals(200_000, written.get());
        assertEquals(0, queue.bufferedAmount());
    }

    @Test
    void concurrentWritersNeverOverlapAndKeepEachThreadsOrder() throws Exception {
        int threads = 8;
        int perThread = 10_000;
        ExecutorService completions = Executors.newSingleThreadExecutor();
        AtomicBoolean inFlight = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        CountDownLatch all = new CountDownLatch(threads * perThread);
        OutboundQueue queue = new OutboundQueue(new FrameWriter() {
            @Override
            public void write(Frame frame, Consumer<Throwable> done) {
                if (!inFlight.compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                }
                order.add(frame.text());
                completions.execute(() -> {
                    inFlight.set(false);
                    all.countDown();
                    done.accept(null);
                });
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 1);
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    queue.write(Frame.text(thread + ":" + i));
                    queue.flush();
                }
            });
        }
        assertTrue(all.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));
        senders.shutdown();
        completions.shutdown();
        assertEquals(0, overlaps.get());
        int[] last = new int[threads];
        java.util.Arrays.fill(last, -1);
        for (String text : order) {
            String[] parts = text.split(":");
            int thread = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            assertEquals(last[thread] + 1, seq, "order of thread " + thread);
            last[thread] = seq;
        }
        assertEquals(0, queue.bufferedAmount());
    }

    @Test
    void withAWideWindowFramesAreHandedOverAtOnceAndACloseWaitsForThem() {
        HeldWriter writer = new HeldWriter(OutboundQueue.UNBOUNDED);
        OutboundQueue queue = new OutboundQueue(writer, OutboundQueue.UNBOUNDED);
        queue.write(Frame.text("a"));
        queue.flush();
        queue.write(Frame.text("b"));
        queue.flush();
        queue.write(Frame.close(1000, ""));
        queue.flush();

        assertEquals(2, writer.started.size(), "both messages go at once; the Close waits");
        writer.completeOne();
        assertEquals(2, writer.started.size());
        writer.completeOne();
        assertEquals(3, writer.started.size());
        assertEquals(Frame.Kind.CLOSE, writer.started.get(2).kind());
    }

    @Test
    void releaseDropsWhatWasNotWrittenAndClosesTheConnection() {
        HeldWriter writer = new HeldWriter();
        OutboundQueue queue = new OutboundQueue(writer, 1);
        queue.write(Frame.text("a"));
        queue.flush();
        queue.write(Frame.text("b"));
        queue.flush();
        queue.release();
        writer.completeOne();
        queue.write(Frame.text("c"));
        queue.flush();

        assertTrue(writer.closed);
        assertEquals(1, writer.started.size());
        assertEquals(0, queue.bufferedAmount());
        assertFalse(writer.started.stream().anyMatch(f -> f.text().equals("b")));
    }

    @Test
    void withTheRejectPolicyAFrameOverTheLimitThrowsAndNothingIsQueued() {
        HeldWriter writer = new HeldWriter();
        OutboundQueue queue = new OutboundQueue(writer, 1, new SendLimits(10, true, java.time.Duration.ZERO));
        queue.write(Frame.text("12345678"));
        queue.flush();
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> queue.write(Frame.text("abc")));
        assertEquals("The send buffer is full: 8 bytes are waiting to be written and this message has 3; "
                + "the limit is 10 bytes (wspair.sendBufferLimit)", refused.getMessage());
        queue.write(Frame.text("ab"));
        queue.flush();
        assertEquals(10, queue.bufferedAmount());
        queue.write(Frame.close(1000, ""));
        queue.flush();
        assertFalse(writer.closed, "a Close is never refused");
    }

    @Test
    void framesTakenOverFromAPairEndAreNotLimited() {
        HeldWriter writer = new HeldWriter();
        OutboundQueue queue = new OutboundQueue(writer, 1, new SendLimits(4, true, java.time.Duration.ZERO));
        queue.transfer(Frame.text("written before the connection opened"));
        queue.flush();
        assertEquals(36, queue.bufferedAmount());
    }

    @Test
    void theSendTimeoutCountsFromTheLastProgressOfTheFramesInFlight() {
        HeldWriter writer = new HeldWriter();
        OutboundQueue queue = new OutboundQueue(writer, 1, new SendLimits(0, false, java.time.Duration.ofSeconds(1)));
        long second = 1_000_000_000L;
        assertFalse(queue.checkStalled(System.nanoTime() + 10 * second), "nothing in flight");
        queue.write(Frame.text("a"));
        queue.flush();
        queue.write(Frame.text("b"));
        queue.flush();
        assertFalse(queue.checkStalled(System.nanoTime()));
        writer.completeOne();
        long progress = System.nanoTime();
        assertFalse(queue.checkStalled(progress + second / 2));
        assertTrue(queue.checkStalled(System.nanoTime() + 2 * second));
        queue.release(); // what the failed socket does after its error event
        assertTrue(writer.closed);
        assertEquals(SendLimits.FAILED_CODE, writer.closeCode);
    }
}
