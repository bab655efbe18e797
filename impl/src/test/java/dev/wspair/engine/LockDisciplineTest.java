package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testkit.DeadlockWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lock rule (package-info): no transport call that may block or call back runs while a
 * socket's lock is held, and no mix of concurrent calls deadlocks or loses a close event.
 */
class LockDisciplineTest {

    private final ForkJoinPool pool = new ForkJoinPool(4, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    private final Engine engine = new Engine(pool, Compatibility.of("2026-11-17"));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /**
     * A connection that completes every write inside the call and whose close reports the end at
     * once, as a container's {@code onClose} inside {@code Session.close()} does; it records any
     * call made with the socket's lock held.
     */
    private static final class SynchronousConnection implements FrameWriter {
        final Queue<String> underLock = new ConcurrentLinkedQueue<>();
        final List<Frame> written = new ArrayList<>();
        volatile RealWebSocket socket;
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void write(Frame frame, Consumer<Throwable> done) {
            check("write " + frame.kind());
            synchronized (written) {
                written.add(frame);
            }
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            check("close");
            socket.receive(Frame.close(code, reason));
            closed.countDown();
        }

        private void check(String call) {
            RealWebSocket held = socket;
            if (held != null && Thread.holdsLock(held)) {
                underLock.add(call + " on " + Thread.currentThread().getName());
            }
        }
    }

    @Test
    void aConnectionThatCompletesAndCallsBackInsideItsCallsIsNeverCalledUnderTheSocketsLock() throws Exception {
        WebSocketPair pair = engine.newPair();
        SynchronousConnection connection = new SynchronousConnection();
        OutboundQueue network = new OutboundQueue(connection, 1);
        RealWebSocket returned = RealWebSocket.of(pair.client());
        returned.reserveForResponse();
        RealWebSocket server = returned.coupleTo(network);
        connection.socket = server;
        CountDownLatch closeEvent = new CountDownLatch(1);
        pair.server().addEventListener(EventType.CLOSE, event -> closeEvent.countDown());
        pair.server().accept();

        pair.server().send("one");
        pair.server().send(new byte[] {1, 2});
        pair.server().close(4000, "bye");
        server.receive(Frame.close(4000, "bye"));

        assertTrue(closeEvent.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "the close event came");
        assertTrue(connection.closed.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "the connection was released");
        assertEquals(List.of(), List.copyOf(connection.underLock), "calls made under the socket's lock");
        assertEquals(3, connection.written.size());
    }

    @Test
    void tenThousandPairsUnderConcurrentSendsClosesAndLossesNeitherDeadlockNorLoseACloseEvent() throws Exception {
        int pairs = 10_000;
        List<WebSocket> ends = new ArrayList<>();
        Set<WebSocket> abandoned = ConcurrentHashMap.newKeySet();
        Map<WebSocket, AtomicInteger> closeEvents = new ConcurrentHashMap<>();
        for (int i = 0; i < pairs; i++) {
            WebSocketPair pair = engine.newPair();
            for (WebSocket end : List.of(pair.client(), pair.server())) {
                AtomicInteger seen = new AtomicInteger();
                closeEvents.put(end, seen);
                end.addEventListener(EventType.CLOSE, event -> seen.incrementAndGet());
                end.accept();
                ends.add(end);
            }
        }
        ExecutorService callers = Executors.newFixedThreadPool(4);
        DeadlockWatch watch = new DeadlockWatch();
        try {
            for (int t = 0; t < 4; t++) {
                callers.execute(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < 8 * pairs; n++) {
                        WebSocket end = ends.get(random.nextInt(ends.size()));
                        try {
                            switch (random.nextInt(8)) {
                                case 0 -> end.close(1000 + random.nextInt(2), "bye");
                                case 1 -> end.close(4000, "crossing");
                                case 2 -> {
                                    if (random.nextInt(20) == 0) {
                                        abandoned.add(end);
                                        RealWebSocket.of(end).abandon();
                                    }
                                }
                                default -> end.send("m" + n);
                            }
                        } catch (IllegalStateException sendAfterClose) {
                            // workerd's TypeError for a send after close(): expected in this mix
                        }
                    }
                });
            }
            callers.shutdown();
            assertTrue(callers.awaitTermination(2, TimeUnit.MINUTES), "the callers finished");
            for (WebSocket end : ends) {
                try {
                    end.close(1000, "end of test");
                } catch (IllegalStateException alreadyGone) {
                    // closed or failed before
                }
            }
            // an abandoned end delivers nothing more (as in workerd); its other end sees the loss
            Timeouts.until("every end that was not abandoned has its close event", () -> ends.stream()
                    .allMatch(end -> abandoned.contains(end) || closeEvents.get(end).get() > 0));
            assertNull(watch.deadlocked(), "deadlocked threads");
            List<String> twice = ends.stream().filter(end -> closeEvents.get(end).get() > 1)
                    .map(end -> end + " had " + closeEvents.get(end).get() + " close events").toList();
            assertEquals(List.of(), twice);
        } finally {
            watch.close();
            callers.shutdownNow();
        }
    }
}
