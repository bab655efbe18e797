package dev.wspair.it.app;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /cdi-log?count=N}: what the listener and the observers saw, in order, one per line, once there are N (or after 10 s). */
@Route("/cdi-log")
@ApplicationScoped
public class CdiLogRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) throws InterruptedException {
        return new Response(String.join("\n", CdiObservers.await(Integer.parseInt(request.query("count")))));
    }
}
