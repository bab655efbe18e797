package dev.wspair.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.DurableObjectState;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.WebSocketRequestResponsePair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.testkit.JdkClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Through the embedded runtime with real clients: a route forwards to {@code
 * rooms.getByName(room).fetch(request)}, the namespace and the object's fields are injected by CDI.
 */
class ObjectsEmbeddedTest {

    @ApplicationScoped
    public static class Greeting {
        String prefix() {
            return "room says: ";
        }
    }

    public static class ChatRoom implements DurableObject {
        private final DurableObjectState ctx;
        @Inject
        Greeting greeting;

        public ChatRoom(DurableObjectState ctx) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            if (!request.isWebSocketUpgrade()) {
                return new Response("Expected Upgrade: websocket", 426);
            }
            WebSocketPair pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server(), List.of("room"));
            ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, String message) {
            for (WebSocket member : ctx.getWebSockets("room")) {
                member.send(greeting.prefix() + message);
            }
        }

        @Override
        public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
            ws.close(code, "done");
        }
    }

    @Route("/rooms/{room}")
    @ApplicationScoped
    public static class Rooms implements FetchHandler {
        @Inject
        DurableObjectNamespace<ChatRoom> rooms;

        @Override
        public Response fetch(Request request) throws Exception {
            return rooms.getByName(request.pathParam("room")).fetch(request);
        }
    }

    @Test
    void aRouteForwardsToTheObjectWhichBroadcastsAnswersPingsAndClosesWhenAsked() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Rooms.class, Greeting.class).start()) {
            JdkClient a = new JdkClient(server.webSocketUri("/rooms/lobby"));
            JdkClient b = new JdkClient(server.webSocketUri("/rooms/lobby"));
            JdkClient other = new JdkClient(server.webSocketUri("/rooms/elsewhere"));

            a.send("hi");
            assertEquals("room says: hi", a.next());
            assertEquals("room says: hi", b.next());
            other.send("alone");
            assertEquals("room says: alone", other.next(), "another room got nothing of the lobby's");

            a.send("ping");
            assertEquals("pong", a.next());

            assertEquals("4001 done", a.close(4001, "bye"));
            b.send("still here");
            assertEquals("room says: still here", b.next());
            assertEquals("4000 done", b.close(4000, "bye"));
            assertEquals("4000 done", other.close(4000, ""));
        }
    }
}
