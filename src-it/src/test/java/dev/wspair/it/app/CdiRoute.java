package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** A route built from injected pairs; its listener notes the message and answers with the id of the request-scoped bean it sees. */
@Route("/cdi/{room}")
@ApplicationScoped
public class CdiRoute implements FetchHandler {

    @Inject
    Instance<WebSocketPair> pairs;
    @Inject
    PerDelivery perDelivery;

    @Override
    public Response fetch(Request request) {
        WebSocketPair pair = pairs.get();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> {
            CdiObservers.seen("listener " + event.text());
            server.send(perDelivery.id());
        });
        return Response.webSocket(pair.client());
    }
}
