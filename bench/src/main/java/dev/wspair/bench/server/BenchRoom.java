package dev.wspair.bench.server;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectState;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The Durable Object of the objects rows, the same as {@code workerd/fanout.js}: every socket is
 * accepted with {@code ctx.acceptWebSocket(ws, ["room"])} (one tag, no attachment); a message is
 * sent to every socket of the object ({@code getWebSockets()}, then {@code send} to each); a Close
 * is answered with the same code. The idle row holds sockets of a room that has hibernated; the
 * fan-out row has 1,000 sockets on one room.
 */
public class BenchRoom implements DurableObject {

    static final List<String> TAGS = List.of("room");

    private final DurableObjectState ctx;
    @Inject
    RoomInstances instances;

    public BenchRoom(DurableObjectState ctx) {
        this.ctx = ctx;
    }

    @PostConstruct
    void created() {
        instances.created();
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return new Response("Expected Upgrade: websocket", 426);
        }
        WebSocketPair pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server(), TAGS);
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, String message) {
        for (WebSocket member : ctx.getWebSockets()) {
            member.send(message);
        }
    }

    @Override
    public void webSocketMessage(WebSocket ws, ByteBuffer message) {
        for (WebSocket member : ctx.getWebSockets()) {
            member.send(message.duplicate());
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        instances.closed(code);
        if (code == 1005 || code == 1006) {
            // no Close frame came (1005) or the connection was lost (1006, e.g. a link dropped on
            // another node): these codes may not be sent, and there is nobody to answer
            return;
        }
        ws.close(code, "bye");
    }
}
