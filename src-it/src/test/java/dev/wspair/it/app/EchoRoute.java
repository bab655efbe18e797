package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Echoes each message with the path parameter in front; 426 without Upgrade. */
@Route("/echo/{who}")
@ApplicationScoped
public class EchoRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return new Response("Expected Upgrade: websocket", 426, Map.of("Upgrade", "websocket"), null);
        }
        String who = request.pathParam("who");
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> server.send(who + ": " + event.text()));
        return Response.webSocket(pair.client());
    }
}
