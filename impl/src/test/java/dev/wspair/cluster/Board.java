package dev.wspair.cluster;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectState;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.runtime.ApplicationRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * The object of the cluster tests. {@code fetch} accepts a socket with the tags of the query's
 * {@code tags} (comma-separated) and answers a plain request with the node it runs on. Messages:
 * {@code who} answers {@code node=N instance=I} (I: this instance's identity); {@code count:T} the
 * number of sockets tagged T; {@code say:T:text} sends {@code text#S} to every socket tagged T,
 * S counting the broadcasts of this instance from 1; {@code closes} the close events of this
 * instance ({@code code reason wasClean}, separated by {@code |}); {@code close:C:reason} closes the
 * asking socket with C. A request with a user (see {@link BoardRoute}) is answered, or its socket
 * greeted, with {@code user NAME (CLASS) on N}: CLASS the simple name of the principal's class.
 */
public class Board implements DurableObject {

    private final DurableObjectState ctx;
    private int broadcasts;
    /** "code reason wasClean" of each webSocketClose of this instance, in order. */
    private final List<String> closes = new ArrayList<>();

    public Board(DurableObjectState ctx) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        String user = request.principal() == null ? null
                : "user " + request.principal().getName() + " (" + request.principal().getClass().getSimpleName() + ")";
        if (!request.isWebSocketUpgrade()) {
            if (user != null) {
                return new Response(user + " on " + node(), 200);
            }
            return new Response("plain from " + node() + " for " + request.pathParam("board") + " as "
                    + request.header("X-Test"), 200);
        }
        WebSocketPair pair = new WebSocketPair();
        String tags = request.query("tags");
        ctx.acceptWebSocket(pair.server(), tags == null ? List.of() : List.of(tags.split(",")));
        if (user != null) {
            pair.server().send(user + " on " + node());
        }
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, String message) {
        if (message.equals("who")) {
            ws.send("node=" + node() + " instance=" + Integer.toHexString(System.identityHashCode(this)));
        } else if (message.startsWith("count:")) {
            ws.send(Integer.toString(ctx.getWebSockets(message.substring("count:".length())).size()));
        } else if (message.equals("closes")) {
            ws.send(String.join("|", closes));
        } else if (message.startsWith("close:")) {
            String[] parts = message.split(":", 3);
            ws.close(Integer.parseInt(parts[1]), parts[2]);
        } else if (message.startsWith("say:")) {
            String[] parts = message.split(":", 3);
            broadcasts++;
            for (WebSocket member : ctx.getWebSockets(parts[1])) {
                member.send(parts[2] + "#" + broadcasts);
            }
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        closes.add(code + " " + reason + " " + wasClean);
        if (code != 1006) {
            ws.close(code == 1005 ? 1000 : code, reason);
        }
    }

    private static String node() {
        return ApplicationRuntime.current().name();
    }
}
