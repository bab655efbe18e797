package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A backend for the proxy: answers "backend: " + each message; "close CODE REASON" makes it close.
 * What it saw of the close goes to {@link BackendLog}, under the connection's {@code ?id=}.
 */
@Route("/backend")
@ApplicationScoped
public class BackendRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) {
        String id = request.query("id");
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> {
            String text = event.text();
            if (text.startsWith("close ")) {
                String[] parts = text.split(" ", 3);
                server.close(Integer.parseInt(parts[1]), parts[2]);
            } else {
                server.send("backend: " + text);
            }
        });
        server.addEventListener(EventType.CLOSE, event -> BackendLog.add(id, "backend closed " + event.code() + " " + event.reason()));
        return Response.webSocket(pair.client());
    }
}
