package dev.wspair.runtime;

import dev.wspair.engine.DeliveryScope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which application a call works for, so that {@code new WebSocketPair()} and {@code new
 * WebSocket(url)} land in that application's runtime. The rule, first match wins:
 * <ol>
 * <li>inside a route's handler, a socket's event delivery or a Durable Object call of a runtime:
 * that runtime (bound to the thread for the call's duration);</li>
 * <li>the runtime registered for the thread's context class loader or one of its parents (a WAR
 * registers its own class loader when it starts, so any thread of that application finds it:
 * servlets, EJBs, managed executor tasks);</li>
 * <li>otherwise the process's default runtime, created on first use (unit tests, a {@code main}).</li>
 * </ol>
 * The lookup tables are process-wide by nature; each entry is removed when its runtime closes.
 */
final class CurrentRuntime {

    private static final ThreadLocal<ApplicationRuntime> BOUND = new ThreadLocal<>();
    private static final Map<ClassLoader, ApplicationRuntime> BY_LOADER = new ConcurrentHashMap<>();

    private CurrentRuntime() {
    }

    static ApplicationRuntime get() {
        ApplicationRuntime bound = BOUND.get();
        if (bound != null) {
            return bound;
        }
        if (!BY_LOADER.isEmpty()) {
            for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
                    loader = loader.getParent()) {
                ApplicationRuntime registered = BY_LOADER.get(loader);
                if (registered != null) {
                    return registered;
                }
            }
        }
        return DefaultRuntime.INSTANCE;
    }

    /** Makes {@code runtime} the one found from threads whose context class loader is {@code loader}. */
    static void register(ClassLoader loader, ApplicationRuntime runtime) {
        ApplicationRuntime before = BY_LOADER.putIfAbsent(loader, runtime);
        if (before != null && before != runtime) {
            throw new IllegalStateException("The class loader " + loader + " already belongs to the wspair runtime "
                    + before.name() + "; " + runtime.name() + " cannot register it too");
        }
    }

    static void deregister(ClassLoader loader, ApplicationRuntime runtime) {
        BY_LOADER.remove(loader, runtime);
    }

    /** Runs {@code task} with {@code runtime} bound to the thread. */
    static <T, X extends Exception> T call(ApplicationRuntime runtime, ApplicationRuntime.Task<T, X> task) throws X {
        ApplicationRuntime before = BOUND.get();
        BOUND.set(runtime);
        try {
            return task.run();
        } finally {
            BOUND.set(before);
        }
    }

    /** A delivery scope that binds {@code runtime} around {@code inner}; allocates nothing per delivery. */
    static DeliveryScope binding(ApplicationRuntime runtime, DeliveryScope inner) {
        return delivery -> {
            ApplicationRuntime before = BOUND.get();
            BOUND.set(runtime);
            try {
                inner.deliver(delivery);
            } finally {
                BOUND.set(before);
            }
        };
    }

    /** The runtime of code outside any application, created on first use; its threads are daemons. */
    private static final class DefaultRuntime {
        static final ApplicationRuntime INSTANCE = ApplicationRuntime.builder("default").start();
    }
}
