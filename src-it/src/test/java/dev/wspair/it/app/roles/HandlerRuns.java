package dev.wspair.it.app.roles;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How often {@link AdminRoute}'s handler ran, by the {@code probe} query parameter a test gave its requests. */
@ApplicationScoped
public class HandlerRuns {

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    public void ran(String probe) {
        runs.computeIfAbsent(String.valueOf(probe), p -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String probe) {
        AtomicInteger count = runs.get(String.valueOf(probe));
        return count == null ? 0 : count.get();
    }
}
