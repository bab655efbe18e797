package dev.wspair.jakarta;

import dev.wspair.engine.RealWebSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Ends returned in a 101 response whose connection is not open yet. A servlet upgrade carries the
 * returned end to {@link BridgeEndpoint#onOpen} under an unguessable id, as a path parameter: the
 * one channel from a servlet to its endpoint that every container keeps. An upgrade that never
 * opens (the client went away) is given up after {@link #EXPIRY_NANOS}, and the server end sees the
 * connection lost. One per application: an id is only found by the application that made it.
 */
final class PendingUpgrades {

    static final long EXPIRY_NANOS = 60_000_000_000L;

    /** A returned end, and what runs when its connection ends (gives the route's place back). */
    record Pending(RealWebSocket returned, Runnable ended, long since) {
        void abandon() {
            try {
                returned.abandon();
            } finally {
                ended.run();
            }
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    String add(RealWebSocket returned, Runnable ended) {
        expire(System.nanoTime());
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        pending.put(key, new Pending(returned, ended, System.nanoTime()));
        return key;
    }

    /** The end waiting under {@code id}, once; {@code null} if there is none. */
    Pending take(String id) {
        return id == null ? null : pending.remove(id);
    }

    /** The upgrade did not happen: the server end sees the connection lost. */
    void abandon(String id) {
        Pending waiting = take(id);
        if (waiting != null) {
            waiting.abandon();
        }
    }

    /** Gives up every upgrade still waiting (the application stops). */
    void abandonAll() {
        abandonWhere(waiting -> true);
    }

    private void expire(long now) {
        abandonWhere(waiting -> now - waiting.since > EXPIRY_NANOS);
    }

    private void abandonWhere(Predicate<Pending> expired) {
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> entry = it.next();
            if (expired.test(entry.getValue())) {
                it.remove();
                entry.getValue().abandon();
            }
        }
    }
}
