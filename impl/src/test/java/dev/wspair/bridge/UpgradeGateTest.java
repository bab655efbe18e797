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
import dev.wspair.testkit.RawClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What runs before a route's handler: the allowed origins (403), the route's maximum of open
 * connections (503), and the handler's own refusal from the request's headers (401).
 */
class UpgradeGateTest {

    private static final String DEFAULT_ORIGIN = "https://default.example";

    static Response echo(Request request) {
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> server.send(event.text()));
        return Response.webSocket(pair.client());
    }

    @Route(value = "/same", allowedOrigins = "same-origin")
    @ApplicationScoped
    public static class SameOrigin implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            return echo(request);
        }
    }

    @Route(value = "/listed", allowedOrigins = {"https://app.example", "http://localhost:3000"})
    @ApplicationScoped
    public static class Listed implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            return echo(request);
        }
    }

    /** No origins of its own: the setting wspair.allowedOrigins applies. */
    @Route("/default")
    @ApplicationScoped
    public static class ByDefault implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            return echo(request);
        }
    }

    @Route(value = "/limited", maxConnections = 2)
    @ApplicationScoped
    public static class Limited implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            return echo(request);
        }
    }

    /** Refuses before the 101 unless the request carries the token. */
    @Route("/private")
    @ApplicationScoped
    public static class Private implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            if (!"Bearer letmein".equals(request.header("Authorization"))) {
                return new Response("Unauthorized", 401, java.util.Map.of("WWW-Authenticate", "Bearer"), null);
            }
            return echo(request);
        }
    }

    private static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("wspair.allowedOrigins", DEFAULT_ORIGIN);
        server = EmbeddedServer.builder()
                .beanClasses(SameOrigin.class, Listed.class, ByDefault.class, Limited.class, Private.class).start();
        System.clearProperty("wspair.allowedOrigins");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String status(String path, String headers) throws Exception {
        try (RawClient client = new RawClient(server.port(), path, headers)) {
            return client.handshakeStatus;
        }
    }

    private static String origin(String origin) {
        return "Origin: " + origin + "\r\n";
    }

    @Test
    void sameOriginAllowsThePageOfThisServerOnly() throws Exception {
        assertEquals("HTTP/1.1 101 Switching Protocols", status("/same", origin("http://127.0.0.1:" + server.port())));
        assertEquals("HTTP/1.1 403 Forbidden", status("/same", origin("http://127.0.0.1:1")));
        assertEquals("HTTP/1.1 403 Forbidden", status("/same", origin("https://evil.example")));
        assertEquals("HTTP/1.1 403 Forbidden", status("/same", origin("null")));
    }

    @Test
    void listedOriginsAreAllowedAndOthersGet403() throws Exception {
        assertEquals("HTTP/1.1 101 Switching Protocols", status("/listed", origin("https://app.example")));
        assertEquals("HTTP/1.1 101 Switching Protocols", status("/listed", origin("http://localhost:3000")));
        assertEquals("HTTP/1.1 403 Forbidden", status("/listed", origin("https://app.example.evil.example")));
        assertEquals("HTTP/1.1 403 Forbidden", status("/listed", origin("http://app.example")));
    }

    @Test
    void aRouteWithoutItsOwnOriginsUsesTheSetting() throws Exception {
        assertEquals("HTTP/1.1 101 Switching Protocols", status("/default", origin(DEFAULT_ORIGIN)));
        assertEquals("HTTP/1.1 403 Forbidden", status("/default", origin("https://app.example")));
    }

    @Test
    void aClientThatSendsNoOriginIsNotABrowserAndIsAllowed() throws Exception {
        assertEquals("HTTP/1.1 101 Switching Protocols", status("/same", ""));
        assertEquals("HTTP/1.1 101 Switching Protocols", status("/default", ""));
    }

    @Test
    void overTheRoutesMaximumAnUpgradeGets503AndAClosedConnectionGivesItsPlaceBack() throws Exception {
        try (RawClient first = new RawClient(server.port(), "/limited");
                RawClient second = new RawClient(server.port(), "/limited")) {
            assertEquals("HTTP/1.1 101 Switching Protocols", first.handshakeStatus);
            assertEquals("HTTP/1.1 101 Switching Protocols", second.handshakeStatus);
            assertEquals("HTTP/1.1 503 Service Unavailable", status("/limited", ""));
            assertEquals("HTTP/1.1 101 Switching Protocols", status("/same", ""), "other routes are not limited");

            first.sendClose(1000, "bye");
            assertEquals(1000, first.next().code());
            // the place is given back when the connection has ended, not when the Close was echoed
            org.junit.jupiter.api.Assertions.assertTrue(first.endOfStream(), "the server ends the connection");
            try (RawClient third = new RawClient(server.port(), "/limited")) {
                assertEquals("HTTP/1.1 101 Switching Protocols", third.handshakeStatus);
                third.sendText("still works");
                assertEquals("still works", third.next().text());
            }
        }
    }

    @Test
    void theHandlerReadsTheHeadersAndRefusesBeforeThe101() throws Exception {
        try (RawClient refused = new RawClient(server.port(), "/private")) {
            assertEquals("HTTP/1.1 401 Unauthorized", refused.handshakeStatus);
            org.junit.jupiter.api.Assertions.assertTrue(refused.handshakeHeaders.contains("WWW-Authenticate: Bearer"),
                    refused.handshakeHeaders);
        }
        try (RawClient allowed = new RawClient(server.port(), "/private", "Authorization: Bearer letmein\r\n")) {
            assertEquals("HTTP/1.1 101 Switching Protocols", allowed.handshakeStatus);
        }
    }
}
