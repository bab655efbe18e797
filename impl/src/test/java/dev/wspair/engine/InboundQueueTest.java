package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The serial event queue: in order per producer, never concurrent, nothing before start. */
class InboundQueueTest {

    @Test
    void framesFromManyThreadsArriveOneAtATimeInEachThreadsOrder() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        ForkJoinPool pool = new ForkJoinPool(4, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        WritersOrder order = new WritersOrder(threads);
        CountDownLatch all = new CountDownLatch(threads * perThread);
        InboundQueue queue = InboundQueue.delivering(pool, frame -> {
            order.check(frame);
            all.countDown();
        });
        queue.start();
        ExecutorService producers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            producers.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    queue.offer(Frame.text(thread + ":" + i));
                }
            });
        }
        assertTrue(all.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "not all frames were handed over");
        producers.shutdown();
        pool.shutdown();
        assertEquals(0, order.overlaps.get(), "frames were handed over concurrently");
        assertEquals(List.of(), order.wrong);
    }

    /**
     * Writers that each wait for their frame before the next one keep the queue nearly empty, so
     * the drain stops and a writer starts another one all the time, often while the last one is
     * still stopping: each frame is still handed over once, in order.
     */
    @Test
    void drainsStartedAndStoppedByEveryFrameHandEachFrameOverOnce() throws Exception {
        int threads = 4;
        int perThread = 10_000;
        ForkJoinPool pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        WritersOrder order = new WritersOrder(threads);
        List<String> wrong = order.wrong;
        InboundQueue queue = InboundQueue.delivering(pool, order::check);
        queue.start();
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(writers.submit(() -> {
                for (int i = 0; i < perThread && wrong.isEmpty(); i++) {
                    queue.offer(Frame.text(thread + ":" + i));
                    while (order.delivered.get(thread) <= i && wrong.isEmpty()) {
                        Thread.yield();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> writer : done) {
                writer.get(Timeouts.EVENT.toMillis() * 4, TimeUnit.MILLISECONDS);
            }
        } finally {
            writers.shutdownNow();
            pool.shutdown();
        }
        assertEquals(List.of(), wrong, "frames handed over twice or out of order");
        assertEquals(0, order.overlaps.get(), "frames were handed over concurrently");
    }

    /**
     * Checks frames {@code "writer:seq"} as they are handed over: none while another is being
     * handed over, each writer's in the order 0, 1, 2, ... (a frame lost, repeated or out of order
     * goes to {@link #wrong}).
     */
    private static final class WritersOrder {
        private final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        /** Frames handed over so far, per writer. */
        final AtomicIntegerArray delivered;
        final List<String> wrong = new CopyOnWriteArrayList<>();

        WritersOrder(int writers) {
            delivered = new AtomicIntegerArray(writers);
        }

        void check(Frame frame) {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            String[] parts = frame.text().split(":");
            int writer = Integer.parseInt(parts[0]);
            if (Integer.parseInt(parts[1]) != delivered.get(writer)) {
                wrong.add(frame.text());
            }
            delivered.incrementAndGet(writer);
            inside.decrementAndGet();
        }
    }

    /**
     * A hibernatable socket's queue: every frame pauses the drain and another thread resumes it at
     * once, racing the drain as it parks. Each frame is still handed over once, in order.
     */
    @Test
    void framesResumedFromAnotherThreadAsTheDrainParksAreHandedOverOnce() throws Exception {
        int frames = 50_000;
        ForkJoinPool pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        ExecutorService resumer = Executors.newSingleThreadExecutor();
        AtomicInteger next = new AtomicInteger();
        List<String> wrong = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(frames);
        InboundQueue[] queue = new InboundQueue[1];
        queue[0] = InboundQueue.delivering(pool, frame -> {
            if (frame == null || Integer.parseInt(frame.text()) != next.getAndIncrement()) {
                wrong.add(String.valueOf(frame == null ? null : frame.text()));
            }
            queue[0].pause();
            resumer.execute(queue[0]::resume);
            all.countDown();
        });
        queue[0].start();
        try {
            for (int i = 0; i < frames; i++) {
                queue[0].offer(Frame.text(Integer.toString(i)));
            }
            assertTrue(all.await(Timeouts.EVENT.toMillis() * 4, TimeUnit.MILLISECONDS),
                    "not all frames were handed over: " + all.getCount() + " left, wrong: " + wrong);
        } finally {
            resumer.shutdownNow();
            pool.shutdown();
        }
        assertEquals(List.of(), wrong, "frames handed over twice, empty or out of order");
    }

    @Test
    void nothingIsHandedOverBeforeStart() {
        ManualExecutor executor = new ManualExecutor();
        List<String> got = new ArrayList<>();
        InboundQueue queue = InboundQueue.delivering(executor, frame -> got.add(frame.text()));
        queue.offer(Frame.text("a"));
        executor.runAll();
        assertEquals(List.of(), got);
        queue.start();
        queue.offer(Frame.text("b"));
        executor.runAll();
        assertEquals(List.of("a", "b"), got);
    }

    @Test
    void aLongBacklogYieldsTheThreadBetweenBatches() {
        ManualExecutor executor = new ManualExecutor();
        List<String> got = new ArrayList<>();
        InboundQueue queue = InboundQueue.delivering(executor, frame -> got.add(frame.text()));
        for (int i = 0; i < InboundQueue.BATCH + 1; i++) {
            queue.offer(Frame.text(Integer.toString(i)));
        }
        queue.start();
        Runnable firstTurn = takeOne(executor);
        firstTurn.run();
        assertEquals(InboundQueue.BATCH, got.size(), "one turn hands over one batch");
        executor.runAll();
        assertEquals(InboundQueue.BATCH + 1, got.size());
    }

    private static Runnable takeOne(ManualExecutor executor) {
        List<Runnable> taken = new ArrayList<>();
        executor.drainTo(taken);
        assertEquals(1, taken.size(), "exactly one drain is scheduled");
        return taken.get(0);
    }

    @Test
    void aPausedDrainHandsOverNothingUntilResumedThenGoesOnInOrder() {
        ManualExecutor executor = new ManualExecutor();
        List<String> taken = new ArrayList<>();
        InboundQueue[] queue = new InboundQueue[1];
        queue[0] = InboundQueue.delivering(executor, frame -> {
            taken.add(frame.text());
            if (frame.text().equals("a")) {
                queue[0].pause();
            }
        });
        queue[0].start();
        queue[0].offer(Frame.text("a"));
        queue[0].offer(Frame.text("b"));
        executor.runAll();
        assertEquals(List.of("a"), taken, "nothing after the paused frame");
        queue[0].offer(Frame.text("c"));
        executor.runAll();
        assertEquals(List.of("a"), taken, "a new frame does not restart a paused drain");
        queue[0].resume();
        executor.runAll();
        assertEquals(List.of("a", "b", "c"), taken);
    }

    @Test
    void aFailureAroundOneDeliveryDoesNotStopTheFramesAfterIt() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        CountDownLatch second = new CountDownLatch(1);
        InboundQueue queue = InboundQueue.delivering(Runnable::run, frame -> {
            if (frame.text().equals("first")) {
                throw new IllegalStateException("a delivery scope failed");
            }
            delivered.add(frame.text());
            second.countDown();
        });
        queue.start();
        queue.offerAndDrainHere(Frame.text("first"));
        queue.offerAndDrainHere(Frame.text("second"));
        assertTrue(second.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "the next frame was delivered");
        assertEquals(List.of("second"), delivered);
    }

    @Test
    void startingWithNothingWaitingWakesNoThreadAndLaterFramesStillCome() {
        List<Runnable> scheduled = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        InboundQueue queue = InboundQueue.delivering(scheduled::add, frame -> delivered.add(frame.text()));
        queue.start();
        assertEquals(0, scheduled.size(), "a socket accepted with nothing to deliver schedules no drain");
        queue.offer(Frame.text("a"));
        assertEquals(1, scheduled.size());
        scheduled.remove(0).run();
        assertEquals(List.of("a"), delivered);

        InboundQueue early = InboundQueue.delivering(scheduled::add, frame -> delivered.add(frame.text()));
        early.offer(Frame.text("before start"));
        assertEquals(0, scheduled.size(), "nothing before start");
        early.start();
        assertEquals(1, scheduled.size(), "a frame offered before start is handed over once it starts");
        scheduled.remove(0).run();
        assertEquals(List.of("a", "before start"), delivered);
    }
}
