package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.testkit.EchoRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedSmokeTest {

    @Test
    void echoesAndAnswers426() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(EchoRoute.class).start()) {
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
