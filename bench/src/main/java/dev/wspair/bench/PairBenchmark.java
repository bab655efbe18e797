package dev.wspair.bench;

import dev.wspair.EventType;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages per second through an in-memory {@code WebSocketPair} on the default engine: 32-byte
 * text, measured end to end (a batch counts only once the other end's listener has seen all of
 * it). {@code oneWay}: client to server. {@code roundTrip}: the server echoes each message and the
 * batch ends when the client has every echo. {@code pingPong}: one message in flight, so the score
 * is the inverse of the round-trip latency.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PairBenchmark {

    static final int BATCH = 10_000;
    static final String MESSAGE = "0123456789abcdef0123456789abcdef";

    private WebSocket client;
    private WebSocket server;
    private volatile CountDownLatch serverGot;
    private volatile CountDownLatch clientGot;

    @Setup
    public void connect() {
        WebSocketPair pair = new WebSocketPair();
        client = pair.client();
        server = pair.server();
        server.addEventListener(EventType.MESSAGE, event -> {
            CountDownLatch latch = serverGot;
            if (latch != null) {
                latch.countDown();
            } else {
                server.send(event.text());
            }
        });
        client.addEventListener(EventType.MESSAGE, event -> clientGot.countDown());
        server.accept();
        client.accept();
    }

    @TearDown
    public void close() {
        client.close(1000);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void oneWay() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(BATCH);
        serverGot = latch;
        for (int i = 0; i < BATCH; i++) {
            client.send(MESSAGE);
        }
        latch.await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void roundTrip() throws InterruptedException {
        serverGot = null;
        CountDownLatch latch = new CountDownLatch(BATCH);
        clientGot = latch;
        for (int i = 0; i < BATCH; i++) {
            client.send(MESSAGE);
        }
        latch.await();
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public void pingPong() throws InterruptedException {
        serverGot = null;
        for (int i = 0; i < 100; i++) {
            CountDownLatch latch = new CountDownLatch(1);
            clientGot = latch;
            client.send(MESSAGE);
            latch.await();
        }
    }
}
