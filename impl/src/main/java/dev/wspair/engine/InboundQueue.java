package dev.wspair.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A socket's serial event queue: frames are offered from any thread and handed to the consumer
 * one at a time, in order, never concurrently, on the executor. Nothing is handed over before
 * {@link #start()}. After {@value #BATCH} frames in one turn the drain yields the thread to other
 * sockets by resubmitting itself to the executor. The consumer may {@link #pause()} the drain
 * until its frame has been handled elsewhere ({@link #resume()}), as workerd's hibernatable read
 * loop waits for each delivery before it reads the next frame.
 *
 * <p>The frames are a linked list with many writers and one reader (the drain): a writer swaps
 * itself in as the tail and then links the node before it; the drain follows the links from its own
 * head without atomic operations. A writer starts a drain only if none runs: one read of
 * {@code work} per frame, no atomic update while a drain runs. (Its fields are updated through
 * {@link VarHandle}s rather than atomic objects: one queue per socket, idle most of the time.)
 */
abstract class InboundQueue implements Runnable {

    static final int BATCH = 64;
    private static final System.Logger LOG = System.getLogger(InboundQueue.class.getName());

    /** The node taken last (its frame already handed over); moved by the drain (or {@link #poll()}). */
    private Node head;
    /** The node offered last; writers swap it (and only they read it). */
    private volatile Node tail;
    /** 1 while a drain is scheduled, running or paused; 0 otherwise. */
    private volatile int work;
    private final Executor executor;
    /** NOT_STARTED until {@link #start()} (one field for both: one queue per socket). */
    private volatile Pause pause = Pause.NOT_STARTED;

    private enum Pause { NOT_STARTED, NONE, REQUESTED, PARKED }

    private static final VarHandle HEAD = FieldHandles.of(MethodHandles.lookup(), "head", Node.class);
    private static final VarHandle TAIL = FieldHandles.of(MethodHandles.lookup(), "tail", Node.class);
    private static final VarHandle WORK = FieldHandles.of(MethodHandles.lookup(), "work", int.class);
    private static final VarHandle PAUSE = FieldHandles.of(MethodHandles.lookup(), "pause", Pause.class);

    InboundQueue(Executor executor) {
        this.executor = executor;
        Node empty = new Node(null);
        head = empty;
        tail = empty;
    }

    /** One frame in the list. */
    private static final class Node {
        Frame frame;
        volatile Node next;

        Node(Frame frame) {
            this.frame = frame;
        }

        /** The frame, cleared from the node: a taken node stays as the head and must not hold on to it. */
        Frame take() {
            Frame taken = frame;
            frame = null;
            return taken;
        }
    }

    /**
     * A queue that hands its frames to {@code consumer}. (A socket subclasses instead: its queue is
     * then the only object, without a consumer beside it.)
     */
    static InboundQueue delivering(Executor executor, Consumer<Frame> consumer) {
        return new InboundQueue(executor) {
            @Override
            boolean deliver(Frame frame) {
                consumer.accept(frame);
                return pauseRequested();
            }
        };
    }

    /**
     * Handles one frame; never called concurrently, in the order the frames were offered.
     *
     * @return whether it called {@link #pause()} (the drain then looks at the pause it asked for;
     *     it does not read the queue's fields for every frame, which writers write)
     */
    abstract boolean deliver(Frame frame);

    void offer(Frame frame) {
        append(frame);
        signal();
    }

    /**
     * Offers a frame and, if no drain is running, drains on the calling thread: a connection's
     * reader (a container thread that may block) saves the hop to the executor.
     */
    void offerAndDrainHere(Frame frame) {
        append(frame);
        if (claimDrain()) {
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
        if (hasWaiting()) {
            signal();
        }
    }

    /**
     * From inside the consumer: hand over no further frame after this one until {@link #resume()}.
     */
    void pause() {
        pause = Pause.REQUESTED;
    }

    final boolean pauseRequested() {
        return pause == Pause.REQUESTED;
    }

    /** Any thread: the paused frame was handled; the drain goes on (on the executor). */
    void resume() {
        if ((Pause) PAUSE.getAndSet(this, Pause.NONE) == Pause.PARKED) {
            executor.execute(this);
        }
    }

    /**
     * Takes the next frame, or {@code null} if none is linked yet: from the drain, or for a socket
     * that was never started.
     */
    Frame poll() {
        Node next = head.next;
        if (next == null) {
            return null;
        }
        HEAD.setRelease(this, next);
        return next.take();
    }

    /**
     * Whether frames wait that were not handed over. Any thread; exact on the drain's own thread
     * (its listeners), where the head may lag behind the frames already taken, which are empty.
     */
    boolean hasWaiting() {
        for (Node node = (Node) HEAD.getAcquire(this); (node = node.next) != null; ) {
            if (node.frame != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Swaps a node in as the tail, then links it (a volatile write: the writer's look at
     * {@code work} that follows cannot come before it). Between the two the drain does not see the
     * frame yet; the writer looks at {@code work} after linking and starts a drain if none runs.
     */
    private void append(Frame frame) {
        Node node = new Node(frame);
        Node previous = (Node) TAIL.getAndSet(this, node);
        previous.next = node;
    }

    /** Whether the caller, having offered a frame, is to run the drain: none runs and the queue started. */
    private boolean claimDrain() {
        return work == 0 && pause != Pause.NOT_STARTED && WORK.compareAndSet(this, 0, 1);
    }

    private void signal() {
        if (claimDrain()) {
            executor.execute(this);
        }
    }

    /**
     * Drains. It follows the links from a local cursor and publishes it as the head only when it
     * stops (at the latest after {@value #BATCH} frames): the writers, which swap the tail beside
     * the head, are not disturbed by every frame taken. A frame taken is cleared from its node
     * at once, which is how {@link #hasWaiting()} skips it meanwhile.
     */
    @Override
    public void run() {
        int budget = BATCH;
        Node cursor = head;
        while (true) {
            Node next;
            while ((next = cursor.next) != null) {
                Frame frame = next.take();
                cursor = next;
                boolean paused;
                try {
                    paused = deliver(frame);
                } catch (RuntimeException e) {
                    // listeners' exceptions are handled inside; this is a failure around a delivery
                    // (its scope, say). Escaping, it would leave the drain marked running forever
                    // and no later frame of this socket would ever be delivered.
                    LOG.log(System.Logger.Level.ERROR, "Delivering a WebSocket frame failed: " + frame.kind(), e);
                    paused = pauseRequested();
                }
                if (paused) {
                    // published before parking: a resume() that sees PARKED starts the next drain
                    // at once, on another thread, from the head
                    HEAD.setRelease(this, cursor);
                    if (PAUSE.compareAndSet(this, Pause.REQUESTED, Pause.PARKED)) {
                        return; // work stays non-zero: no other drain starts until resume()
                    }
                }
                if (--budget == 0) {
                    HEAD.setRelease(this, cursor);
                    executor.execute(this);
                    return;
                }
            }
            HEAD.setRelease(this, cursor);
            // stop, then look again: a writer that linked its frame before this saw work == 1 and
            // left the frame to this drain; one that links after it sees 0 and starts its own
            work = 0;
            if (cursor.next == null || !WORK.compareAndSet(this, 0, 1)) {
                return;
            }
            // another drain may have run in between (started by a writer, and stopped): go on
            // from where it stopped, not from this one's cursor
            cursor = head;
        }
    }
}
