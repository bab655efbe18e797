package dev.wspair.bench.server;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** How many {@link BenchRoom} instances were created: one more after each hibernation. */
@ApplicationScoped
public class RoomInstances {

    private final AtomicInteger created = new AtomicInteger();
    private final java.util.concurrent.ConcurrentSkipListMap<Integer, AtomicInteger> closes = new java.util.concurrent.ConcurrentSkipListMap<>();

    /** A socket of a room closed with {@code code} (1006: lost, no Close frame). */
    void closed(int code) {
        closes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }

    /** The close codes seen so far, as {@code code:count,...}. */
    String closes() {
        StringBuilder s = new StringBuilder();
        closes.forEach((code, n) -> s.append(s.length() == 0 ? "" : ",").append(code).append(':').append(n.get()));
        return s.length() == 0 ? "-" : s.toString();
    }

    void created() {
        created.incrementAndGet();
    }

    int count() {
        return created.get();
    }
}
