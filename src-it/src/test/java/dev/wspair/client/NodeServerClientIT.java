package dev.wspair.client;

import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.CONNECTING;
import static dev.wspair.WebSocket.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.AcceptOptions;
import dev.wspair.Fetch;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code new WebSocket(url)} and the fetch-style upgrade against a server on Node's ws:
 * scenarios 32-38 (ContractSuite's numbering).
 */
class NodeServerClientIT {

    private static Process node;
    private static Writer stdin;
    private static int port;
    private static final BlockingQueue<String> SERVER_LINES = new LinkedBlockingQueue<>();
    private Recorder events;

    @BeforeAll
    static void start() throws Exception {
        node = new ProcessBuilder("node", "ws-server.mjs").directory(Path.of(System.getProperty("it.node", "workerd")).toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first != null && first.startsWith("listening "), "node said: " + first);
        port = Integer.parseInt(first.substring("listening ".length()));
        Thread reader = new Thread(() -> out.lines().forEach(SERVER_LINES::add), "ws-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterAll
    static void stop() throws Exception {
        node.destroy();
        node.waitFor(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void nothingUnexpected() {
        if (events != null) {
            events.assertExhausted();
        }
    }

    /** The next line the server printed about connection {@code id}; null after the timeout. */
    private static String serverLine(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.EVENT.toNanos();
        for (String line; (line = SERVER_LINES.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (line.startsWith("server-close " + id + " ")) {
                return line;
            }
        }
        return null;
    }

    private String url(String path) {
        return "ws://127.0.0.1:" + port + path;
    }

    private WebSocket connect(String path, List<String> protocols) {
        WebSocket ws = new WebSocket(url(path), protocols);
        events = new Recorder("client", ws, () -> { }, Timeouts.EVENT);
        return ws;
    }

    @Test
    void scenario32OpenWithTheChosenSubprotocolAndNoExtension() {
        WebSocket ws = connect("/chat", List.of("chat", "x"));
        assertEquals(CONNECTING, ws.readyState());
        assertEquals("", ws.protocol());
        assertEquals("open", events.next().event().type());
        assertEquals("chat", ws.protocol());
        assertNull(ws.extensions(), "ws does not negotiate permessage-deflate by default");
        ws.send("hi");
        events.expectText("echo hi", OPEN);
        ws.close(1000);
        events.expectClose(1000, "", true, CLOSED);
    }

    @Test
    void scenario34And36MisuseAndCloseWhileConnecting() throws Exception {
        WebSocket ws = connect("/slow", List.of());
        assertThrows(IllegalStateException.class, () -> ws.send("x"));
        assertThrows(IllegalStateException.class, ws::accept);
        ws.close();
        events.expectError("Uncaught Error: Network connection lost.", CLOSED);
        events.expectClose(1006, "Failed to establish websocket connection", false, CLOSED);
        stdin.write("release\n");
        stdin.flush();
    }

    @Test
    void scenario35A404() {
        connect("/missing", List.of());
        events.expectError("Uncaught TypeError: Failed to establish the WebSocket connection: expected server to reply "
                + "with HTTP status code 101 (switching protocols), but received 404 instead.", CLOSED);
        events.expectClose(1006, "Failed to establish websocket connection", false, CLOSED);
    }

    @Test
    void scenario37TheServersCloseIsEchoed() throws Exception {
        WebSocket ws = connect("/chat?id=s37", List.of());
        assertEquals("open", events.next().event().type());
        ws.send("close please");
        events.expectClose(1000, "x", true, CLOSED);
        events.expectError("Uncaught Error: Network connection lost.", CLOSED); // workerd's trailing error (README, D3)
        assertEquals("server-close s37 1000 x", serverLine("s37"));
    }

    @Test
    void scenario38FetchUpgradeAndAcceptHalfOpen() throws Exception {
        Response response = Fetch.upgrade(url("/chat?id=s38")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(101, response.status());
        WebSocket ws = response.webSocket();
        assertNull(ws.url());
        assertEquals("", ws.protocol());
        events = new Recorder("fetched", ws, () -> { }, Timeouts.EVENT);
        ws.accept(AcceptOptions.allowHalfOpen(true));
        ws.send("close please");
        events.expectClose(1000, "x", true, WebSocket.CLOSING);
        ws.close(4000, "answered");
        assertEquals(CLOSED, ws.readyState());
        events.expectError("Uncaught Error: Network connection lost.", CLOSED); // workerd's trailing error (README, D3)
        assertEquals("server-close s38 4000 answered", serverLine("s38"),
                "half-open on the wire: the server got the application's Close, not an echo");

        Response refused = Fetch.upgrade(url("/missing")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(404, refused.status());
        assertNull(refused.webSocket());
    }
}
