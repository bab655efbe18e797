package dev.wspair.engine;

/**
 * The turns of a Durable Object, as seen by the sockets it opens: a socket that an object
 * {@code accept()}s (or creates with {@code new WebSocket(url)}) during one of its calls delivers
 * its events in the object's turns, one call at a time as in workerd, and keeps the object's
 * instance in memory until its last event. The object binds its turns to the thread for each call.
 */
public interface ObjectTurns {

    /** {@code socket} was accepted or created in one of the object's calls. */
    void joined(RealWebSocket socket);

    /** Runs {@code step} (the socket applies one inbound frame) in the object's next turn. */
    void run(Runnable step);

    /** Runs {@code call} with {@code turns} bound to the calling thread. */
    static void bind(ObjectTurns turns, Runnable call) {
        ObjectTurns outer = Bound.CURRENT.get();
        Bound.CURRENT.set(turns);
        try {
            call.run();
        } finally {
            if (outer == null) {
                Bound.CURRENT.remove();
            } else {
                Bound.CURRENT.set(outer);
            }
        }
    }

    /** The turns bound to the calling thread, or {@code null} outside an object's call. */
    static ObjectTurns bound() {
        return Bound.CURRENT.get();
    }

    /** The thread binding: a context, like a delivery's runtime, not application state. */
    final class Bound {
        private static final ThreadLocal<ObjectTurns> CURRENT = new ThreadLocal<>();

        private Bound() {
        }
    }
}
