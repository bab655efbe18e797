package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.embedded.EmbeddedServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A chat member on the JDK's WebSocket client, with what the room sent it in a queue. */
final class ChatClient implements WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String name;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private ChatClient(String name) {
        this.name = name;
    }

    /** Joins {@code room} as {@code name} and takes the join notice that everyone gets. */
    static ChatClient join(EmbeddedServer server, String room, String name) throws Exception {
        ChatClient client = connect(server, room, name);
        client.expectJoined(name);
        return client;
    }

    /** Connects, and leaves everything received, the history too, in the queue. */
    static ChatClient connect(EmbeddedServer server, String room, String name) throws Exception {
        ChatClient client = new ChatClient(name);
        client.socket = HTTP.newWebSocketBuilder().buildAsync(uri(server, room, name), client)
                .get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        return client;
    }

    /** The status with which the server refuses the handshake. */
    static int refusal(EmbeddedServer server, String room, String name) throws Exception {
        return refusal(server, room, name, null);
    }

    /** As {@link #refusal(EmbeddedServer, String, String)}, sent by a page of {@code origin}. */
    static int refusal(EmbeddedServer server, String room, String name, String origin) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            WebSocket accepted = builder.buildAsync(uri(server, room, name), new ChatClient(name))
                    .get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
            accepted.abort();
            throw new AssertionError("the handshake for room " + room + " and name " + name + " was accepted");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof WebSocketHandshakeException, "a refused handshake, not " + e.getCause());
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    static URI uri(EmbeddedServer server, String room, String name) {
        String path = "/chat/" + URLEncoder.encode(room, StandardCharsets.UTF_8).replace("+", "%20");
        return server.webSocketUri(name == null ? path
                : path + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Sends {@code {"message": message}}. */
    void say(String message) throws Exception {
        send(Json.createObjectBuilder().add("message", message).build().toString());
    }

    /** Sends {@code text} as it is. */
    void send(String text) throws Exception {
        socket.sendText(text, true).get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes with 1000 and waits for the server's Close: "code reason". */
    String leave() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        return closed.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the TCP connection without a Close frame. */
    void drop() {
        socket.abort();
    }

    /** The next message from the room. */
    JsonObject next() throws InterruptedException {
        JsonObject next = received.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError(name + " received nothing");
        }
        return next;
    }

    void expectJoined(String who) throws InterruptedException {
        assertEquals(Json.createObjectBuilder().add("joined", who).build(), next(), name + " hears that " + who + " joined");
    }

    void expectQuit(String who) throws InterruptedException {
        assertEquals(Json.createObjectBuilder().add("quit", who).build(), next(), name + " hears that " + who + " left");
    }

    /** The next message is {@code message} said by {@code who}; returns its timestamp. */
    long expectSaid(String who, String message) throws InterruptedException {
        JsonObject said = next();
        assertEquals(who, said.getString("name", null), name + " got " + said);
        assertEquals(message, said.getString("message", null), name + " got " + said);
        assertEquals(3, said.size(), name + " got " + said);
        return said.getJsonNumber("timestamp").longValueExact();
    }

    void expectError(String why) throws InterruptedException {
        assertEquals(Json.createObjectBuilder().add("error", why).build(), next(), name + " is told what was wrong");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(Json.createReader(new StringReader(partial.toString())).readObject());
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
