package dev.wspair.it.app;

import dev.wspair.CloseEvent;
import dev.wspair.MessageEvent;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Observers of the route's events; what they saw is served by {@link CdiLogRoute}. */
@ApplicationScoped
public class CdiObservers {

    private static final List<String> SEEN = new ArrayList<>();

    /** Logs the request-scoped bean it sees: the same one the route's listener answered with. */
    void message(@Observes @Route("/cdi/{room}") MessageEvent event, PerDelivery scoped) {
        seen("sync " + event.text() + " scope=" + scoped.id());
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

    static void seen(String what) {
        synchronized (SEEN) {
            SEEN.add(what);
            SEEN.notifyAll();
        }
    }

    /** What was seen, in the order it was seen, once there are {@code count} entries or after 10 s. */
    static List<String> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (SEEN) {
            for (long left; SEEN.size() < count && (left = deadline - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(SEEN, left);
            }
            return List.copyOf(SEEN);
        }
    }
}
