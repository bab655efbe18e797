package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wspair.embedded.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application on the embedded runtime (127.0.0.1, a free port), with the JDK's WebSocket client. */
class RoomTest {

    static EmbeddedServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.builder().beanClasses(RoomRoute.class).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRequestWithoutUpgradeGets426() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/rooms/lobby")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, response.statusCode());
        assertEquals("Expected Upgrade: websocket", response.body());
    }

    @Test
    void aMessageReachesEveryoneInTheRoomAndACloseIsAnswered() throws Exception {
        Client alice = new Client("/rooms/lobby");
        Client bob = new Client("/rooms/lobby");
        alice.send("hello");
        assertEquals("hello", alice.next());
        assertEquals("hello", bob.next());

        assertEquals("1000 bye", alice.close(1000, "bye"));
        bob.send("still here");
        assertEquals("still here", bob.next());
        assertEquals("4000 done", bob.close(4000, "done"));
    }

    /** A client socket whose messages and Close wait in queues. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        Client(String path) throws Exception {
            socket = HTTP.newWebSocketBuilder().buildAsync(server.webSocketUri(path), this).get(10, TimeUnit.SECONDS);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 10 s");
            return message;
        }

        /** Sends a Close and returns "code reason" of the Close that answers it. */
        String close(int code, String reason) throws Exception {
            socket.sendClose(code, reason).get(10, TimeUnit.SECONDS);
            return closed.get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
