package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedSmokeTest {

    @Route("/echo")
    @ApplicationScoped
    public static class Echo implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            if (!request.isWebSocketUpgrade()) {
                return new Response("Expected Upgrade: websocket", 426);
            }
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> server.send("echo: " + event.text()));
            return Response.webSocket(pair.client());
        }
    }

    @Test
    void echoesAndAnswers426() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Echo.class).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(server.uri().resolve("/echo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(426, plain.statusCode());
            assertEquals("Expected Upgrade: websocket", plain.body());

            CompletableFuture<String> got = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(server.webSocketUri("/echo"),
                    new java.net.http.WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                            got.complete(data.toString());
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
                            closed.complete(code);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("hi", true);
            assertEquals("echo: hi", got.get(10, TimeUnit.SECONDS));
            ws.sendClose(4000, "bye");
            assertEquals(4000, closed.get(10, TimeUnit.SECONDS));
        }
    }
}
