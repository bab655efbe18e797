package dev.wspair.it.app.roles;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code /admin?probe=ID}, for users in the role {@code admin}: "hello NAME" to a plain request, an
 * echo that names the user ("NAME: text") to an upgrade. Every run is counted under its probe.
 */
@Route("/admin")
@RolesAllowed("admin")
@ApplicationScoped
public class AdminRoute implements FetchHandler {

    @Inject
    HandlerRuns runs;

    @Override
    public Response fetch(Request request) {
        runs.ran(request.query("probe"));
        String user = request.principal().getName();
        if (!request.isWebSocketUpgrade()) {
            return new Response("hello " + user, 200);
        }
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> server.send(user + ": " + event.text()));
        return Response.webSocket(pair.client());
    }
}
