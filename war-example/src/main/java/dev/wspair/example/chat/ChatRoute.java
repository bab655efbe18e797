package dev.wspair.example.chat;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /chat/{room}?name=...} with {@code Upgrade: websocket}: joins the room, as the
 * Worker's {@code fetch} of Cloudflare's chat demo does. What members say, and when they leave, is
 * handled by {@link Rooms}, which observes this route's events. Only the chat page of this server
 * may connect from a browser ({@code same-origin}): another site's page gets 403.
 */
@Route(value = ChatRoute.PATH, allowedOrigins = "same-origin")
@ApplicationScoped
public class ChatRoute implements FetchHandler {

    static final String PATH = "/chat/{room}";

    static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{Nd} _-]{1,32}");

    static final String EXPECTED_UPGRADE = "Expected Upgrade: websocket. Open this URL with a WebSocket client, "
            + "or open the chat page.";
    static final String BAD_ROOM = "Invalid room name: use 1 to 32 characters among a-z, 0-9 and '-'.";
    static final String MISSING_NAME = "Missing the participant's name: add ?name=... to the URL.";
    static final String BAD_NAME = "Invalid name: use 1 to 32 letters, digits, spaces, '-' or '_'.";

    @Inject
    Rooms rooms;

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return new Response(EXPECTED_UPGRADE, 426, Map.of("Upgrade", "websocket"), null);
        }
        String room = request.pathParam("room");
        if (room == null || !ROOM.matcher(room).matches()) {
            return new Response(BAD_ROOM, 400);
        }
        String name = request.query("name");
        if (name == null || name.isBlank()) {
            return new Response(MISSING_NAME, 400);
        }
        name = name.strip();
        if (!NAME.matcher(name).matches()) {
            return new Response(BAD_NAME, 400);
        }

        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        // What is sent now (the history, the join notice) waits in the pair until the connection opens.
        rooms.join(room, name, server);
        return Response.webSocket(pair.client());
    }
}
