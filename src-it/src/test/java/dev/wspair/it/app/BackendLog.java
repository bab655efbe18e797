package dev.wspair.it.app;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code GET /backend-log?id=X}: what the backend saw of connection X, once it happened (or "nothing" after 10 s). */
@Route("/backend-log")
@ApplicationScoped
public class BackendLog implements FetchHandler {

    private static final Map<String, String> SEEN = new HashMap<>();

    static void add(String id, String what) {
        synchronized (SEEN) {
            SEEN.put(id, what);
            SEEN.notifyAll();
        }
    }

    @Override
    public Response fetch(Request request) throws InterruptedException {
        String id = request.query("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (SEEN) {
            for (long left; !SEEN.containsKey(id) && (left = deadline - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.timedWait(SEEN, left);
            }
            return new Response(SEEN.getOrDefault(id, "nothing"));
        }
    }
}
