package dev.wspair.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The threads an application's sockets use: {@code dispatch} delivers events, {@code blocking}
 * runs calls that block (a client's connect), {@code scheduler} runs timers. On an application
 * server they are the server's default managed executors; elsewhere pools of our own, which
 * {@link #shutdown()} stops (the server's own are never shut down by us).
 */
public final class RuntimeExecutors {

    static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    static final String MANAGED_THREADS = "java:comp/DefaultManagedThreadFactory";
    static final long STOP_WAIT_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(RuntimeExecutors.class.getName());

    private final Executor dispatch;
    private final Executor blocking;
    private final ScheduledExecutorService scheduler;
    private final List<ExecutorService> own;

    private RuntimeExecutors(Executor dispatch, Executor blocking, ScheduledExecutorService scheduler,
            List<ExecutorService> own) {
        this.dispatch = dispatch;
        this.blocking = blocking;
        this.scheduler = scheduler;
        this.own = own;
    }

    /** Pools of our own, of daemon threads named {@code wspair-NAME-...}; they start no thread until used. */
    public static RuntimeExecutors own(String name) {
        List<ExecutorService> own = new ArrayList<>();
        ForkJoinPool dispatch = dispatchPool(name);
        ExecutorService blocking = Executors.newCachedThreadPool(daemons("wspair-" + name + "-connect"));
        ScheduledExecutorService scheduler = timers(daemons("wspair-" + name + "-timers"));
        own.add(dispatch);
        own.add(blocking);
        own.add(scheduler);
        return new RuntimeExecutors(dispatch, blocking, scheduler, own);
    }

    /**
     * The application server's default managed executor ({@value #MANAGED_EXECUTOR}) for events and
     * blocking calls, and one timer thread from its default managed thread factory ({@value
     * #MANAGED_THREADS}), looked up in the calling application's naming context; pools of our own
     * stand in for what is missing. The timer thread is ours to stop: the server's managed
     * scheduler would keep a cancelled task (and with it the application's class loader) queued
     * until its time comes, after the application stopped.
     */
    public static RuntimeExecutors managed(String name) {
        List<ExecutorService> own = new ArrayList<>();
        ExecutorService executor = lookup(MANAGED_EXECUTOR, ExecutorService.class);
        if (executor == null) {
            executor = dispatchPool(name);
            own.add(executor);
        }
        ThreadFactory managedThreads = lookup(MANAGED_THREADS, ThreadFactory.class);
        ScheduledExecutorService scheduler = timers(managedThreads != null ? managedThreads : daemons("wspair-" + name + "-timers"));
        own.add(scheduler);
        return new RuntimeExecutors(executor, executor, scheduler, own);
    }

    public Executor dispatch() {
        return dispatch;
    }

    public Executor blocking() {
        return blocking;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Stops the pools of our own; tasks still queued there are dropped. Waits a moment (at most
     * {@value #STOP_WAIT_MILLIS} ms in all) for their threads to end, so that none outlives the
     * application's stop.
     */
    void shutdown() {
        for (ExecutorService pool : own) {
            pool.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        try {
            for (ExecutorService pool : own) {
                pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            LOG.log(Level.INFO, "No " + name + " here; wspair uses a pool of its own instead (" + e + ")");
            return null;
        }
    }

    /** One timer thread; a cancelled task leaves the queue at once. */
    private static ScheduledExecutorService timers(ThreadFactory threads) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, threads);
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** A work-stealing pool of daemon threads, FIFO for submitted tasks. */
    private static ForkJoinPool dispatchPool(String name) {
        AtomicInteger count = new AtomicInteger();
        return new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()), pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("wspair-" + name + "-dispatch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, null, true);
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
