package dev.wspair.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/** Looks for deadlocked threads ({@link ThreadMXBean#findDeadlockedThreads()}) every 20 ms while a test runs. */
public final class DeadlockWatch implements AutoCloseable {

    private volatile String found;
    private final Thread thread = new Thread(this::watch, "deadlock-watch");

    public DeadlockWatch() {
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        while (found == null) {
            long[] ids = threads.findDeadlockedThreads();
            if (ids != null) {
                StringBuilder report = new StringBuilder();
                for (ThreadInfo info : threads.getThreadInfo(ids, true, true)) {
                    report.append(info);
                }
                found = report.toString();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    /** The stack traces of the deadlocked threads found so far, or null if there were none. */
    public String deadlocked() {
        return found;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
