package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A response whose WebSocket cannot be returned: workerd's error (logged), and status 500 for the client. */
class ResponseErrorsTest {

    /** Returns its server end after accepting it. */
    @Route("/accepted")
    @ApplicationScoped
    public static class Accepted implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            pair.server().accept();
            return Response.webSocket(pair.server());
        }
    }

    /** Returns the same client end to every request. */
    @Route("/reused")
    @ApplicationScoped
    public static class Reused implements FetchHandler {
        private final WebSocketPair pair = new WebSocketPair();

        @Override
        public Response fetch(Request request) {
            pair.server().accept();
            return Response.webSocket(pair.client());
        }
    }

    /** Returns a socket from the fetch-style upgrade (workerd pumps it kj-to-kj; here it cannot be returned). */
    @Route("/forward")
    @ApplicationScoped
    public static class Forward implements FetchHandler {
        @Override
        public Response fetch(Request request) throws Exception {
            String self = "ws://127.0.0.1:" + request.url().getPort() + "/reused";
            Response upstream = dev.wspair.Fetch.upgrade(self).toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Response.webSocket(upstream.webSocket());
        }
    }

    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.builder().beanClasses(Accepted.class, Reused.class, Forward.class).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void returningAnAcceptedSocketGives500() {
        assertEquals(500, handshakeStatus("/accepted"));
    }

    @Test
    void aSocketReturnedOnceCannotBeReturnedAgain() throws Exception {
        WebSocket first = HTTP.newWebSocketBuilder().buildAsync(server.webSocketUri("/reused"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        assertEquals(500, handshakeStatus("/reused"));
        first.abort();
    }

    @Test
    void aSocketFromTheFetchStyleUpgradeCannotBeReturned() {
        assertEquals(500, handshakeStatus("/forward"));
    }

    @Test
    void aWebSocketForARequestWithoutUpgradeGives500() throws Exception {
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/reused")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(500, plain.statusCode());
    }

    @Test
    void responsesCheckTheirStatusAsWorkerdDoes() {
        WebSocketPair pair = new WebSocketPair();
        IllegalArgumentException not101 = assertThrows(IllegalArgumentException.class,
                () -> new Response(null, 200, java.util.Map.of(), pair.client()));
        assertEquals("Responses with a WebSocket must have status code 101.", not101.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> new Response(null, 101));
        assertEquals("Responses may only be constructed with status codes in the range 200 to 599, inclusive.",
                range.getMessage());
    }

    private static int handshakeStatus(String path) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> HTTP.newWebSocketBuilder().buildAsync(server.webSocketUri(path), new WebSocket.Listener() { })
                        .get(10, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, failed.getCause()).getResponse().statusCode();
    }
}
