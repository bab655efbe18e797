package dev.wspair.objects;

import dev.wspair.engine.DeferredFlushes;
import dev.wspair.engine.DeliveryScope;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * An object's turns: tasks run one at a time, in the order they were posted, on the executor,
 * each inside the delivery scope (the application's runtime and a CDI request context). The
 * monitor guards only the queue and the idle time; no task runs while it is held.
 */
final class Mailbox {

    private static final System.Logger LOG = System.getLogger(Mailbox.class.getName());
    private static final int BATCH = 64;

    private final Executor executor;
    private final DeliveryScope scope;
    private final Clock clock;
    // Guarded by this.
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private long idleSinceMillis;
    /** The thread running a task now, or null. */
    private volatile Thread turn;

    Mailbox(Executor executor, DeliveryScope scope, Clock clock) {
        this.executor = executor;
        this.scope = scope;
        this.clock = clock;
        this.idleSinceMillis = clock.millis();
    }

    void post(Runnable task) {
        boolean start;
        synchronized (this) {
            tasks.add(task);
            start = !scheduled;
            scheduled = true;
        }
        if (start) {
            executor.execute(this::drain);
        }
    }

    /** Whether no task is queued or running. */
    synchronized boolean idle() {
        return !scheduled;
    }

    /** Whether the calling thread is running one of this mailbox's tasks. */
    boolean inTurn() {
        return turn == Thread.currentThread();
    }

    /**
     * Runs {@code action} if nothing is queued or running and the last task ended at least {@code
     * millis} ago; no task can start meanwhile. {@code action} must not call out.
     *
     * @return what {@code action} returned, or {@code false} if it did not run
     */
    synchronized boolean ifIdleFor(long millis, BooleanSupplier action) {
        return !scheduled && clock.millis() - idleSinceMillis >= millis && action.getAsBoolean();
    }

    /**
     * Runs the queued tasks, at most {@link #BATCH}; the frames they send to network sockets are
     * handed over when the queue is empty or every {@link DeferredFlushes#MAX_TURNS} tasks, so a
     * socket sent something by several queued tasks gets it in one write.
     */
    private void drain() {
        try (DeferredFlushes flushes = DeferredFlushes.open()) {
            for (int budget = BATCH; budget > 0; budget--) {
                if (budget % DeferredFlushes.MAX_TURNS == 0) {
                    flushes.flush();
                }
                Runnable task;
                synchronized (this) {
                    task = tasks.poll();
                    if (task == null) {
                        scheduled = false;
                        idleSinceMillis = clock.millis();
                        return;
                    }
                }
                turn = Thread.currentThread();
                try {
                    scope.deliver(task);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "A Durable Object's task failed", e);
                } finally {
                    turn = null;
                }
            }
        }
        executor.execute(this::drain);
    }
}
