package ${package};

import dev.wspair.DurableObjectNamespace;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * {@code GET /rooms/{room}} with {@code Upgrade: websocket}: a Worker's {@code fetch}. It forwards
 * the request to the {@link Room} Durable Object of that name, which accepts the socket.
 */
@Route("/rooms/{room}")
@ApplicationScoped
public class RoomRoute implements FetchHandler {

    @Inject
    DurableObjectNamespace<Room> rooms;

    @Override
    public Response fetch(Request request) throws Exception {
        if (!request.isWebSocketUpgrade()) {
            return new Response("Expected Upgrade: websocket", 426, Map.of("Upgrade", "websocket"), null);
        }
        return rooms.getByName(request.pathParam("room")).fetch(request);
    }
}
