package dev.wspair.it.app;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectState;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;

/** A Durable Object that accepts each upgrade with {@code ctx.acceptWebSocket} and echoes. */
public class CountedObject implements DurableObject {

    private final DurableObjectState ctx;

    public CountedObject(DurableObjectState ctx) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return new Response("Expected Upgrade: websocket", 426);
        }
        WebSocketPair pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, String message) {
        ws.send("object: " + message);
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        ws.close(code, "done");
    }
}
