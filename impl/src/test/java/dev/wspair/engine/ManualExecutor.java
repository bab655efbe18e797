package dev.wspair.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs tasks only when told, on the calling thread: event delivery becomes a deterministic step. */
final class ManualExecutor implements Executor {

    private static final int MAX_TASKS = 1_000_000;

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs tasks, including those they submit, until none is left. */
    void runAll() {
        for (int ran = 0; ; ran++) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
            }
            if (next == null) {
                return;
            }
            if (ran == MAX_TASKS) {
                throw new AssertionError("Tasks keep coming: a loop in event delivery?");
            }
            next.run();
        }
    }

    /** Runs the oldest queued task, if any. */
    void runOne() {
        Runnable next;
        synchronized (this) {
            next = tasks.poll();
        }
        if (next != null) {
            next.run();
        }
    }

    /** Moves the queued tasks, without running them, into {@code into}. */
    synchronized void drainTo(java.util.Collection<Runnable> into) {
        into.addAll(tasks);
        tasks.clear();
    }

    synchronized boolean idle() {
        return tasks.isEmpty();
    }
}
