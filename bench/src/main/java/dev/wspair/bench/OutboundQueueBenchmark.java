package dev.wspair.bench;

import dev.wspair.engine.Frame;
import dev.wspair.engine.FrameWriter;
import dev.wspair.engine.OutboundQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link OutboundQueue} under contention: 8 threads write 32-byte text frames to one queue (one
 * socket that many threads send on, as a chat room's broadcast does). The writer completes each
 * frame inline, as Tyrus does for a send that fits the socket buffer, so the score is the cost of
 * the queue itself: its lock, the hand-over counter, the deque and bufferedAmount's bookkeeping.
 * {@code window}: {@code unbounded} (Tyrus, Undertow: frames go to the container at once) or 1
 * (other containers: one frame in flight). Throughput of all threads together, frames per second.
 *
 * <p>The hand-over loop runs on one thread at a time and the other writers only enqueue, so eight
 * writers outrun the one that hands over and the queue grows without bound (an
 * OutOfMemoryError within seconds): each writer therefore waits, every 64 frames, until less than
 * 1 MiB is buffered. The score is frames through the queue, not frames parked in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(8)
public class OutboundQueueBenchmark {

    static final Frame FRAME = Frame.text(PairBenchmark.MESSAGE);

    @Param({"unbounded", "1"})
    public String window;

    private OutboundQueue queue;

    @Setup
    public void create() {
        FrameWriter inline = new FrameWriter() {
            @Override
            public void write(Frame frame, Consumer<Throwable> done) {
                done.accept(null);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        queue = new OutboundQueue(inline, window.equals("unbounded") ? OutboundQueue.UNBOUNDED : Integer.parseInt(window));
    }

    /** Per writer thread: frames written since the last look at bufferedAmount(). */
    @State(Scope.Thread)
    public static class Writer {
        int sinceCheck;
    }

    static final long LIMIT = 1 << 20;

    @Benchmark
    public void write(Writer writer) {
        queue.write(FRAME);
        queue.flush();
        if (++writer.sinceCheck == 64) {
            writer.sinceCheck = 0;
            while (queue.bufferedAmount() > LIMIT) {
                Thread.yield();
            }
        }
    }
}
