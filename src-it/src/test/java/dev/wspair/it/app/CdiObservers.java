package dev.wspair.it.app;

import dev.wspair.CloseEvent;
import dev.wspair.MessageEvent;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** Observers of the route's events; what they saw is served by {@link CdiLogRoute}. */
@ApplicationScoped
public class CdiObservers {

    private static final List<String> SEEN = new ArrayList<>();

    void message(@Observes @Route("/cdi/{room}") MessageEvent event, PerDelivery scoped) {
        seen("sync " + event.text() + " scoped=" + !scoped.id().isEmpty());
    }

    void messageLater(@ObservesAsync @Route("/cdi/{room}") MessageEvent event) {
        seen("async " + event.text());
    }

    void close(@Observes @Route("/cdi/{room}") CloseEvent event) {
        seen("close " + event.code());
    }

    void elsewhere(@Observes @Route("/elsewhere") MessageEvent event) {
        seen("elsewhere " + event.text());
    }

    private static void seen(String what) {
        synchronized (SEEN) {
            SEEN.add(what);
            SEEN.notifyAll();
        }
    }

    /** What was seen, sorted, once there are {@code count} entries or after 10 s. */
    static List<String> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (SEEN) {
            for (long left; SEEN.size() < count && (left = deadline - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(SEEN, left);
            }
            return List.copyOf(new TreeSet<>(SEEN));
        }
    }
}
