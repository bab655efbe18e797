package dev.wspair.bench.server;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** How many {@link BenchRoom} instances were created: one more after each hibernation. */
@ApplicationScoped
public class RoomInstances {

    private final AtomicInteger created = new AtomicInteger();

    void created() {
        created.incrementAndGet();
    }

    int count() {
        return created.get();
    }
}
