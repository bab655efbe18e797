package dev.wspair.bench;

import dev.wspair.EventListener;
import dev.wspair.EventType;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event dispatch overhead: an in-memory pair whose server end has N message listeners (each
 * counts); 32-byte text one way, end to end (a batch counts once the last listener of the last
 * message ran). Compare N=1 with PairBenchmark.oneWay and N=4, 16 with N=1: the slope is the cost
 * of one more listener call per message (snapshot read, cast, the try/catch per listener).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DispatchBenchmark {

    static final int BATCH = 10_000;

    @Param({"1", "4", "16"})
    public int listeners;

    private WebSocket client;
    private volatile CountDownLatch done;
    private final LongAdder calls = new LongAdder();

    @Setup
    public void connect() {
        WebSocketPair pair = new WebSocketPair();
        client = pair.client();
        WebSocket server = pair.server();
        for (int i = 0; i < listeners - 1; i++) {
            EventListener<MessageEvent> counter = event -> calls.increment();
            server.addEventListener(EventType.MESSAGE, counter);
        }
        server.addEventListener(EventType.MESSAGE, event -> done.countDown());
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
        done = latch;
        for (int i = 0; i < BATCH; i++) {
            client.send(PairBenchmark.MESSAGE);
        }
        latch.await();
    }
}
