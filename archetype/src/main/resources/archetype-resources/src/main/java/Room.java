package ${package};

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectState;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;

/**
 * A Durable Object: one instance per room name, one call at a time. Its sockets are hibernatable
 * ({@code ctx.acceptWebSocket}): they stay connected when the runtime drops an idle instance, and
 * the next message creates a new one.
 */
public class Room implements DurableObject {

    private final DurableObjectState ctx;

    public Room(DurableObjectState ctx) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        WebSocketPair pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return Response.webSocket(pair.client());
    }

    /** Every message goes to everyone in the room, its sender included. */
    @Override
    public void webSocketMessage(WebSocket ws, String message) {
        for (WebSocket member : ctx.getWebSockets()) {
            member.send(message);
        }
    }

    /** As in workerd, nothing answers a client's Close by itself: the object does. */
    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        ws.close(code, reason);
    }
}
