package dev.wspair.jakarta;

/**
 * Runs a container call with a context class loader that finds no services.
 *
 * <p>Payara's Tyrus restarts its idle timer on every frame sent, even when the timeout is off, by
 * scheduling a task on the server's managed executor; the managed executor captures the thread's
 * context, which looks up Jakarta Concurrency context providers with {@link java.util.ServiceLoader}
 * through the context class loader: a scan of every jar of the server, under one lock per jar, per
 * frame. With 64 connections sending at once this scan was the whole cost of a send. The task it
 * schedules does nothing (the bridge turns Tyrus's idle timeout off), so with this loader the scan
 * finds nothing at once. The bridge uses it where Tyrus comes from the server, not from the
 * application's class path (the embedded runtime has no managed executor).
 */
final class NoContextProviders {

    private static final ClassLoader EMPTY = new ClassLoader(null) { };

    private NoContextProviders() {
    }

    static void run(Runnable call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EMPTY);
        try {
            call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
