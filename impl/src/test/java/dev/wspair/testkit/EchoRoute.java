package dev.wspair.testkit;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code /echo}: 426 "Expected Upgrade: websocket" without an upgrade; else answers each text with "echo: " + text. */
@Route("/echo")
@ApplicationScoped
public class EchoRoute implements FetchHandler {

    public static final String EXPECTED_UPGRADE = "Expected Upgrade: websocket";

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return new Response(EXPECTED_UPGRADE, 426);
        }
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> server.send("echo: " + event.text()));
        return Response.webSocket(pair.client());
    }
}
