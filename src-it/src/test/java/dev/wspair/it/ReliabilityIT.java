package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.app.EchoRoute;
import dev.wspair.it.app.SequenceRoute;
import dev.wspair.it.app.StatsRoute;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.RawClient;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No loss, no reordering, no leaks, at the sizes of the reliability issue: 64 connections with
 * 10,000 sequence-numbered messages each way sent from concurrent threads, and 100,000
 * connect/close cycles with the server's threads and heap after GC compared before and after.
 * The figures go to {@code target/reliability.txt}.
 */
@ExtendWith(ArquillianExtension.class)
class ReliabilityIT {

    private static final int CONNECTIONS = Integer.getInteger("it.reliability.connections", 64);
    private static final int MESSAGES = Integer.getInteger("it.reliability.messages", 10_000);
    private static final int CYCLES = Integer.getInteger("it.reliability.cycles", 100_000);
    private static final int CHURN_THREADS = 4;
    /** How far the server's threads and heap after GC may end above where the churn found them. */
    private static final long THREADS_SLACK = 4;
    private static final long HEAP_SLACK = 16L << 20;

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.of("reliability", SequenceRoute.class, StatsRoute.class, EchoRoute.class);
    }

    @ArquillianResource
    URL deployment;

    /** For the server's figures and, on a slow end, its threads. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyMessageArrivesOnceAndInOrderBothWaysOnEveryConnection() throws Exception {
        URI uri = Urls.ws(deployment, "sequence?count=" + MESSAGES);
        long start = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(2 * CONNECTIONS);
        try {
            List<RawClient> clients = new ArrayList<>();
            List<Future<String>> received = new ArrayList<>();
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                RawClient client = new RawClient(uri.getPort(), uri.getRawPath() + "?" + uri.getRawQuery());
                assertEquals("HTTP/1.1 101", client.handshakeStatus.substring(0, 12));
                // the server's verdict comes once it has read all our messages; Payara reads them slower
                // than we send (about 45 s for all 64 connections), so a client can wait long after "sent"
                client.readTimeout(Duration.ofMinutes(3));
                clients.add(client);
                received.add(threads.submit(() -> readSequence(client)));
                sent.add(threads.submit(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        client.sendText(Integer.toString(i));
                    }
                    client.sendText("end");
                    return null;
                }));
            }
            for (int c = 0; c < CONNECTIONS; c++) {
                sent.get(c).get();
                assertEquals("server got " + MESSAGES + " in order; client got " + MESSAGES + " in order",
                        received.get(c).get(), "connection " + c);
            }
            for (RawClient client : clients) {
                client.sendClose(1000, "");
                assertEquals(1000, client.next().code());
                client.close();
            }
        } finally {
            threads.shutdownNow();
        }
        record(String.format("order: %d connections x %,d messages each way = %,d messages checked in %.1f s, none lost or"
                + " reordered", CONNECTIONS, MESSAGES, 2L * CONNECTIONS * MESSAGES, (System.nanoTime() - start) / 1e9));
    }

    /** Reads the server's 0..N-1 and "sent", and its verdict on ours. */
    private static String readSequence(RawClient client) throws Exception {
        int next = 0;
        String verdict = null;
        boolean sentAll = false;
        while (verdict == null || !sentAll) {
            String text = client.next().text();
            if (text.startsWith("checked ")) {
                verdict = text;
            } else if (text.equals("sent")) {
                sentAll = true;
            } else if (!text.equals(Integer.toString(next++))) {
                return "client expected " + (next - 1) + " got " + text;
            }
        }
        String expected = "checked " + MESSAGES + " ok";
        return (verdict.equals(expected) ? "server got " + MESSAGES + " in order" : "server: " + verdict)
                + "; client got " + next + (next == MESSAGES ? " in order" : "");
    }

    @Test
    void connectCloseChurnLeavesThreadsHeapAndConnectionsWhereTheyStarted() throws Exception {
        URI uri = Urls.ws(deployment, "echo/churn");
        churn(uri, 2_000);
        Map<String, Long> before = stats(figures -> figures.get("open") == 0);
        long start = System.nanoTime();
        int slowEnds = churn(uri, CYCLES);
        double seconds = (System.nanoTime() - start) / 1e9;
        // Payara's Grizzly keeps each closed connection's records until its 30 s idle check: wait for it
        Map<String, Long> after = stats(figures -> figures.get("open") == 0
                && figures.get("threads") <= before.get("threads") + THREADS_SLACK
                && figures.get("heap") <= before.get("heap") + HEAP_SLACK);
        double settled = (System.nanoTime() - start) / 1e9 - seconds;

        record(String.format("churn: %,d cycles in %.1f s (%,.0f/s); server threads %d -> %d; heap after GC %.1f -> %.1f MiB"
                + " (%.0f s after the last cycle); open connections %d -> %d; %d connections ended over 5 s after the echo",
                CYCLES, seconds, CYCLES / seconds, before.get("threads"), after.get("threads"), before.get("heap") / 1048576.0,
                after.get("heap") / 1048576.0, settled, before.get("open"), after.get("open"), slowEnds));
        assertEquals(0, after.get("open"), "bridged connections left open");
        assertTrue(after.get("threads") <= before.get("threads") + THREADS_SLACK, "threads " + before + " -> " + after);
        assertTrue(after.get("heap") <= before.get("heap") + HEAP_SLACK, "heap " + before + " -> " + after);
    }

    /**
     * Runs {@code cycles} connect/close cycles; returns how many waited over 5 s for the server to
     * end the connection. For each of those the server's threads inside wspair or Tyrus, taken 5 s
     * after the echo, go to {@code target/reliability.txt} and into the failure message.
     */
    private int churn(URI uri, int cycles) throws Exception {
        AtomicInteger slowEnds = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CHURN_THREADS);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CHURN_THREADS; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < cycles / CHURN_THREADS; i++) {
                        try (RawClient client = new RawClient(uri.getPort(), uri.getRawPath())) {
                            assertEquals("HTTP/1.1 101", client.handshakeStatus.substring(0, 12));
                            client.sendClose(1000, "");
                            assertEquals(1000, client.next().code());
                            ScheduledFuture<String> serverThreads = watchdog.schedule(this::serverThreads, 5, TimeUnit.SECONDS);
                            // Payara rarely (once in our first six runs of 100,000 cycles) kept the connection
                            // open for over 10 s after its echo: allow a minute, and count the slow ones
                            client.readTimeout(Duration.ofMinutes(1));
                            boolean ended = client.endOfStream();
                            String slow = serverThreads.cancel(false) ? null : serverThreads.get();
                            if (slow != null) {
                                slowEnds.incrementAndGet();
                                record("a connection ended over 5 s after the echo (" + (ended ? "it ended" : "it did not end in a minute")
                                        + "); the server's threads inside wspair or Tyrus 5 s after the echo:" + System.lineSeparator() + slow);
                            }
                            assertTrue(ended, () -> "the server closes the connection after the handshake; its threads inside wspair"
                                    + " or Tyrus 5 s after the echo: " + slow);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        } finally {
            threads.shutdownNow();
            watchdog.shutdownNow();
        }
        return slowEnds.get();
    }

    /** The stacks of the server's threads inside wspair or Tyrus ({@code GET /stats?threads}). */
    private String serverThreads() {
        try {
            return http.send(HttpRequest.newBuilder(Urls.http(deployment, "stats?threads"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "the server's threads could not be read: " + e;
        }
    }

    /** The server's figures once {@code settled} holds for them, or after 90 s (polled once a second). */
    private Map<String, Long> stats(Predicate<Map<String, Long>> settled) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            String body = http.send(HttpRequest.newBuilder(Urls.http(deployment, "stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Long> figures = new HashMap<>();
            for (String pair : body.split(" ")) {
                String[] parts = pair.split("=");
                figures.put(parts[0], Long.parseLong(parts[1]));
            }
            if (settled.test(figures) || System.nanoTime() > deadline) {
                return figures;
            }
            Thread.sleep(1_000);
        }
    }

    private static synchronized void record(String line) throws Exception {
        String entry = Runtime.current() + " " + line + System.lineSeparator();
        System.out.print(entry);
        Files.writeString(Path.of("target", "reliability.txt"), entry, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
