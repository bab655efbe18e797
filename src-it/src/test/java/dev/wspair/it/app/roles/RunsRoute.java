package dev.wspair.it.app.roles;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code GET /runs?probe=ID}: how often {@link AdminRoute}'s handler ran for that probe. Open to everyone. */
@Route("/runs")
@PermitAll
@ApplicationScoped
public class RunsRoute implements FetchHandler {

    @Inject
    HandlerRuns runs;

    @Override
    public Response fetch(Request request) {
        return new Response(String.valueOf(runs.count(request.query("probe"))), 200);
    }
}
