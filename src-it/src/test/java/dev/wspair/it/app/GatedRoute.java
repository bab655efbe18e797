package dev.wspair.it.app;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;

/** Upgrades pages of https://app.example (and clients without Origin), one connection at a time. */
@Route(value = "/gated", allowedOrigins = "https://app.example", maxConnections = 1)
@ApplicationScoped
public class GatedRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) {
        WebSocketPair pair = new WebSocketPair();
        pair.server().accept();
        return Response.webSocket(pair.client());
    }
}
