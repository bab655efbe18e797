package dev.wspair.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A socket's serial event queue: frames are offered from any thread and handed to the consumer
 * one at a time, in order, never concurrently, on the executor. Nothing is handed over before
 * {@link #start()}. After {@value #BATCH} frames in one turn the drain yields the thread to other
 * sockets by resubmitting itself to the executor. The consumer may {@link #pause()} the drain
 * until its frame has been handled elsewhere ({@link #resume()}), as workerd's hibernatable read
 * loop waits for each delivery before it reads the next frame. (Its counters are fields updated
 * through {@link VarHandle}s rather than atomic objects: one queue per socket, idle most of the time.)
 */
abstract class InboundQueue implements Runnable {

    static final int BATCH = 64;
    private static final System.Logger LOG = System.getLogger(InboundQueue.class.getName());

    private final ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();
    /** Non-zero while a drain is scheduled or running; counts signals that came in meanwhile. */
    private volatile int work;
    private final Executor executor;
    /** NOT_STARTED until {@link #start()} (one field for both: one queue per socket). */
    private volatile Pause pause = Pause.NOT_STARTED;

    private enum Pause { NOT_STARTED, NONE, REQUESTED, PARKED }

    private static final VarHandle WORK = FieldHandles.of(MethodHandles.lookup(), "work", int.class);
    private static final VarHandle PAUSE = FieldHandles.of(MethodHandles.lookup(), "pause", Pause.class);

    InboundQueue(Executor executor) {
        this.executor = executor;
    }

    /**
     * A queue that hands its frames to {@code consumer}. (A socket subclasses instead: its queue is
     * then the only object, without a consumer beside it.)
     */
    static InboundQueue delivering(Executor executor, Consumer<Frame> consumer) {
        return new InboundQueue(executor) {
            @Override
            void deliver(Frame frame) {
                consumer.accept(frame);
            }
        };
    }

    /** Handles one frame; never called concurrently, in the order the frames were offered. */
    abstract void deliver(Frame frame);

    void offer(Frame frame) {
        frames.offer(frame);
        signal();
    }

    /**
     * Offers a frame and, if no drain is running, drains on the calling thread: a connection's
     * reader (a container thread that may block) saves the hop to the executor.
     */
    void offerAndDrainHere(Frame frame) {
        frames.offer(frame);
        if (pause != Pause.NOT_STARTED && (int) WORK.getAndAdd(this, 1) == 0) {
            run();
        }
    }

    /**
     * From now on frames are handed over; those offered before start a drain now. With none waiting
     * (a socket just accepted) no drain is scheduled: the executor is not woken for nothing, once
     * per connection. A frame offered meanwhile sees the queue started and signals itself.
     */
    void start() {
        PAUSE.compareAndSet(this, Pause.NOT_STARTED, Pause.NONE);
        if (!frames.isEmpty()) {
            signal();
        }
    }

    /**
     * From inside the consumer: hand over no further frame after this one until {@link #resume()}.
     */
    void pause() {
        pause = Pause.REQUESTED;
    }

    /** Any thread: the paused frame was handled; the drain goes on (on the executor). */
    void resume() {
        if ((Pause) PAUSE.getAndSet(this, Pause.NONE) == Pause.PARKED) {
            executor.execute(this);
        }
    }

    /** Takes every frame not handed over yet; only for a socket that was never started. */
    Frame poll() {
        return frames.poll();
    }

    /** Whether frames wait that were not handed over. */
    boolean hasWaiting() {
        return !frames.isEmpty();
    }

    private void signal() {
        if (pause != Pause.NOT_STARTED && (int) WORK.getAndAdd(this, 1) == 0) {
            executor.execute(this);
        }
    }

    @Override
    public void run() {
        int budget = BATCH;
        while (true) {
            work = 1;
            Frame frame;
            while ((frame = frames.poll()) != null) {
                try {
                    deliver(frame);
                } catch (RuntimeException e) {
                    // listeners' exceptions are handled inside; this is a failure around a delivery
                    // (its scope, say). Escaping, it would leave the drain marked running forever
                    // and no later frame of this socket would ever be delivered.
                    LOG.log(System.Logger.Level.ERROR, "Delivering a WebSocket frame failed: " + frame.kind(), e);
                }
                if (pause == Pause.REQUESTED && PAUSE.compareAndSet(this, Pause.REQUESTED, Pause.PARKED)) {
                    return; // work stays non-zero: no other drain starts until resume()
                }
                if (--budget == 0) {
                    executor.execute(this);
                    return;
                }
            }
            if (WORK.compareAndSet(this, 1, 0)) {
                return;
            }
        }
    }
}
