package dev.wspair.example.chat;

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /chat/{room}?name=...} with {@code Upgrade: websocket}: the Worker's {@code fetch} of
 * Cloudflare's chat demo. It checks the request and forwards it to the {@link ChatRoom} Durable
 * Object of that room, which accepts the socket and handles everything after. Only the chat page of
 * this server may connect from a browser ({@code same-origin}): another site's page gets 403.
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
    DurableObjectNamespace<ChatRoom> rooms;

    @Override
    public Response fetch(Request request) throws Exception {
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
        // The room's object answers with the client end of a socket it accepted (101).
        return rooms.getByName(room).fetch(request);
    }
}
