package dev.wspair.client;

import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.CONNECTING;
import static dev.wspair.WebSocket.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wspair.EventType;
import dev.wspair.Fetch;
import dev.wspair.FetchHandler;
import dev.wspair.InvalidAccessException;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.SyntaxException;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code new WebSocket(url)} and the fetch-style upgrade against the embedded runtime:
 * scenarios 32-38 (ContractSuite's numbering).
 */
class ClientTest {

    static final BlockingQueue<String> SERVER_SAW = new LinkedBlockingQueue<>();
    static volatile CountDownLatch holdHandshake = new CountDownLatch(0);

    /** Chooses the "chat" subprotocol; closes with (1000, "x") when told; reports the Close it got back. */
    @Route("/chat")
    @ApplicationScoped
    public static class Chat implements FetchHandler {
        @Override
        public Response fetch(Request request) throws InterruptedException {
            if (!holdHandshake.await(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Response("the test never released the handshake", 503);
            }
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> {
                if (event.text().equals("close please")) {
                    server.close(1000, "x");
                } else {
                    server.send("echo " + event.text());
                }
            });
            String id = request.query("id");
            server.addEventListener(EventType.CLOSE, event -> SERVER_SAW.add(id + " " + event.code() + " " + event.reason()));
            return Response.webSocket(pair.client(), Map.of("Sec-WebSocket-Protocol", "chat"));
        }
    }

    @Route("/missing")
    @ApplicationScoped
    public static class Missing implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            return new Response("no such thing", 404);
        }
    }

    private static EmbeddedServer server;
    private Recorder events;

    @BeforeAll
    static void start() throws Exception {
        // a server that negotiates no extension, so that the client's extensions read null (CompressionTest has the rest)
        server = EmbeddedServer.builder().beanClasses(Chat.class, Missing.class)
                .compatibility(dev.wspair.Compatibility.of("2026-11-17", "no_web_socket_compression")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothingUnexpected() {
        if (events != null) {
            events.assertExhausted();
        }
    }

    private String url(String path) {
        return server.webSocketUri(path).toString();
    }

    private WebSocket connect(String path, List<String> protocols) {
        WebSocket ws = new WebSocket(url(path), protocols);
        events = new Recorder("client", ws, () -> { }, Timeouts.EVENT);
        return ws;
    }

    @Test
    void scenario32ConnectsWithTheServersSubprotocol() {
        WebSocket ws = connect("/chat", List.of("chat", "x"));
        assertEquals(CONNECTING, ws.readyState());
        assertEquals(url("/chat"), ws.url());
        assertEquals("", ws.protocol());
        assertEquals("open", events.next().event().type());
        assertEquals(OPEN, ws.readyState());
        assertEquals("chat", ws.protocol());
        assertNull(ws.extensions(), "no extension was negotiated");
        ws.accept();
        ws.send("hi");
        events.expectText("echo hi", OPEN);
        ws.close(1000);
        events.expectClose(1000, "", true, CLOSED);
    }

    @Test
    void scenario33ArgumentErrorsAreSyntaxErrors() {
        assertSyntax("WebSocket Constructor: The url is invalid.", () -> new WebSocket(""));
        assertSyntax("WebSocket Constructor: The url is invalid.", () -> new WebSocket("/rel"));
        assertSyntax("WebSocket Constructor: The url scheme must be ws or wss.", () -> new WebSocket("http://h"));
        assertSyntax("WebSocket Constructor: The url fragment must be empty.", () -> new WebSocket("ws://h/#x"));
        assertSyntax("WebSocket Constructor: The url fragment must be empty.", () -> new WebSocket("ws://h/#"));
        assertSyntax("WebSocket Constructor: The protocol header token is invalid.", () -> new WebSocket("ws://h/", "a b"));
        assertSyntax("WebSocket Constructor: The protocol header token is invalid.", () -> new WebSocket("ws://h/", ""));
        assertSyntax("WebSocket Constructor: The protocols header cannot have repeating values.", () -> new WebSocket("ws://h/", List.of("a", "a")));
        assertSyntax("WebSocket Constructor: One of the protocol header tokens is invalid.", () -> new WebSocket("ws://h/", List.of("a", "b c")));
    }

    @Test
    void scenario34MisuseWhileConnecting() {
        holdHandshake = new CountDownLatch(1);
        WebSocket ws = connect("/chat", List.of());
        try {
            IllegalStateException send = assertThrows(IllegalStateException.class, () -> ws.send("x"));
            assertEquals("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.", send.getMessage());
            IllegalStateException accept = assertThrows(IllegalStateException.class, ws::accept);
            assertEquals("Websockets obtained from the 'new WebSocket()' constructor cannot call accept", accept.getMessage());
        } finally {
            holdHandshake.countDown();
        }
        assertEquals("open", events.next().event().type());
        ws.accept();
        ws.close();
        // the client's Close goes out with an empty body, the server (a route on Tyrus) echoes it empty
        // as workerd's does, and the client reports that answer as 1005
        events.expectClose(1005, "", true, CLOSED);
    }

    @Test
    void scenario35ARefusedHandshakeGivesAnErrorThenClose1006() {
        WebSocket ws = connect("/missing", List.of());
        events.expectError("Uncaught TypeError: Failed to establish the WebSocket connection: expected server to reply "
                + "with HTTP status code 101 (switching protocols), but received 404 instead.", CLOSED);
        events.expectClose(1006, "Failed to establish websocket connection", false, CLOSED);
        assertEquals(CLOSED, ws.readyState());
    }

    @Test
    void scenario36CloseWhileConnectingCancels() {
        holdHandshake = new CountDownLatch(1);
        WebSocket ws = connect("/chat", List.of());
        try {
            assertThrows(InvalidAccessException.class, () -> ws.close(999));
            ws.close();
            assertNotEquals(CONNECTING, ws.readyState(), "OPEN until the events arrive (ClientCancelTest), then CLOSED");
            events.expectError("Uncaught Error: Network connection lost.", CLOSED);
            events.expectClose(1006, "Failed to establish websocket connection", false, CLOSED);
            ws.close();
            ws.send("ignored");
        } finally {
            holdHandshake.countDown();
        }
    }

    @Test
    void scenario37TheClientAnswersAServerCloseWithTheSameCode() throws Exception {
        WebSocket ws = connect("/chat?id=s37", List.of());
        assertEquals("open", events.next().event().type());
        ws.send("close please");
        events.expectClose(1000, "x", true, CLOSED);
        String seen;
        do {
            seen = SERVER_SAW.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        } while (seen != null && !seen.startsWith("s37 "));
        assertEquals("s37 1000 x", seen, "the server got its own code and reason back");
    }

    @Test
    void scenario38FetchUpgradeGivesASocketToAccept() throws Exception {
        Response response = Fetch.upgrade(url("/chat")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(101, response.status());
        WebSocket ws = response.webSocket();
        assertEquals(OPEN, ws.readyState());
        assertNull(ws.url());
        assertEquals("", ws.protocol());
        assertEquals("", ws.extensions());
        IllegalStateException send = assertThrows(IllegalStateException.class, () -> ws.send("x"));
        assertEquals("You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.", send.getMessage());
        events = new Recorder("fetched", ws, () -> { }, Timeouts.EVENT);
        ws.accept(dev.wspair.AcceptOptions.allowHalfOpen(true));
        ws.send("hi");
        events.expectText("echo hi", OPEN);
        ws.close(4000, "bye");
        events.expectClose(4000, "bye", true, CLOSED);

        Response refused = Fetch.upgrade(url("/missing").replace("ws:", "http:")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(404, refused.status());
        assertNull(refused.webSocket());
    }

    private static void assertSyntax(String message, Runnable call) {
        SyntaxException thrown = assertThrows(SyntaxException.class, call::run);
        assertEquals(message, thrown.getMessage());
    }
}
