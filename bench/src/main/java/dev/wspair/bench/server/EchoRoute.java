package dev.wspair.bench.server;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;

/** The same echo written with the Workers API, served through the bridge as a route. */
@Route("/bridge")
@ApplicationScoped
public class EchoRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return new Response("Expected Upgrade: websocket", 426);
        }
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> {
            if (event.isText()) {
                server.send(event.text());
            } else {
                server.send(event.buffer());
            }
        });
        return Response.webSocket(pair.client());
    }
}
