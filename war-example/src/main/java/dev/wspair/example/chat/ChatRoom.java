package dev.wspair.example.chat;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectState;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One chat room, a Durable Object: {@link ChatRoute} forwards each accepted handshake to the room
 * of its name ({@code rooms.getByName(room).fetch(request)}), and the runtime keeps one live
 * instance per room, running one call at a time, so nothing here needs a lock.
 *
 * <p>The sockets are hibernatable ({@code ctx.acceptWebSocket}): they belong to the object, not to
 * this instance. Each one carries its member's name in its attachment ({@link Member}), which
 * survives hibernation. The history (the last {@value #HISTORY} messages) is a field of the
 * instance: it is lost when the runtime drops an idle instance, which is why the WAR sets {@code
 * wspair.objects.hibernateAfter} to 30 minutes (see the README); and it is cleared when the last
 * member leaves, as before.
 */
public class ChatRoom implements DurableObject {

    static final int HISTORY = 50;

    private static final System.Logger LOG = System.getLogger(ChatRoom.class.getName());

    /** What a socket's attachment holds: the name its member joined with. Public for JSON-B. */
    public record Member(String name) {
    }

    private final DurableObjectState ctx;
    /** The last messages, oldest first. */
    private final Deque<Protocol.Said> history = new ArrayDeque<>();
    private long lastTimestamp;

    public ChatRoom(DurableObjectState ctx) {
        this.ctx = ctx;
    }

    /**
     * A handshake that {@link ChatRoute} checked: the new member gets the history, then everyone,
     * the newcomer too, hears that it joined. What is sent now waits in the pair until the
     * connection opens.
     */
    @Override
    public Response fetch(Request request) {
        String name = request.query("name").strip();
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        ctx.acceptWebSocket(server);
        server.serializeAttachment(new Member(name));
        history.forEach(said -> send(server, said));
        broadcast(new Protocol.Joined(name), null);
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, String message) {
        String text;
        try {
            text = Protocol.message(ws, message);
        } catch (Protocol.BadMessage e) {
            send(ws, new Protocol.Refused(e.getMessage()));
            return;
        }
        // Distinct and increasing, as in Cloudflare's demo: clients may use it to order and dedupe.
        lastTimestamp = Math.max(System.currentTimeMillis(), lastTimestamp + 1);
        Protocol.Said said = new Protocol.Said(nameOf(ws), text, lastTimestamp);
        history.addLast(said);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        broadcast(said, null);
    }

    @Override
    public void webSocketMessage(WebSocket ws, ByteBuffer message) {
        send(ws, new Protocol.Refused(Protocol.BINARY));
    }

    /**
     * A Close from the member, or a lost connection (1006). Nothing answers a Close of a
     * hibernatable socket by itself: the room answers with the same code and reason, except for
     * 1005 (a Close without a code), answered without one; 1006 means there is no one to answer.
     */
    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        leave(ws);
        if (!wasClean || ws.readyState() == WebSocket.CLOSED) {
            return;
        }
        try {
            if (code == 1005 || code == 1006) {
                ws.close();
            } else {
                ws.close(code, reason);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Close not answered: " + e.getMessage());
        }
    }

    /** A protocol error on the member's connection: it is gone, the others hear it left. */
    @Override
    public void webSocketError(WebSocket ws, Throwable error) {
        leave(ws);
    }

    /** Tells the others that the member of {@code ws} left; the history goes with the last one. */
    private void leave(WebSocket ws) {
        broadcast(new Protocol.Quit(nameOf(ws)), ws);
        if (ctx.getWebSockets().stream().allMatch(socket -> socket == ws)) {
            history.clear();
        }
    }

    private static String nameOf(WebSocket ws) {
        return ws.deserializeAttachment(Member.class).name();
    }

    /** Sends {@code message} to every socket of the room but {@code except}. */
    private void broadcast(Object message, WebSocket except) {
        for (WebSocket socket : ctx.getWebSockets()) {
            if (socket != except) {
                send(socket, message);
            }
        }
    }

    /**
     * Sends one of the {@link Protocol}'s records as JSON, never failing: as in workerd, a send
     * throws once a Close went out, and another member's Close may be answered while messages for
     * it are still being broadcast. Nothing of that reaches the sender or the others.
     */
    private static void send(WebSocket socket, Object message) {
        try {
            socket.sendJson(message);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "Not sent to " + socket + ": " + e.getMessage());
        }
    }
}
