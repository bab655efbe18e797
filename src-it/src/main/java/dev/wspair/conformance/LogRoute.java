package dev.wspair.conformance;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code GET /log?id=ID}: the observation log of a connection. */
@Route("/log")
@ApplicationScoped
public class LogRoute implements FetchHandler {

    @Inject
    PeerLogs logs;

    @Override
    public Response fetch(Request request) {
        String id = request.query("id");
        return new Response(logs.json(id == null ? "" : id), 200, Map.of("Content-Type", "application/json"), null);
    }
}
