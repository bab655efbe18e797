package dev.wspair.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.conformance.objects.ObjectsRunner;
import dev.wspair.conformance.objects.ObjectsScenario;
import dev.wspair.conformance.objects.ObjectsScenarios;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged peer, started with the documented command, answering the peer protocol and, under /objects/, the objects peer protocol. */
class PeerJarIT {

    private static final long WAIT_SECONDS = 20;
    private static Process peer;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of("target", "conformance-peer.jar");
        peer = new ProcessBuilder("java", "-jar", jar.toString(), "--port", "0", "--compatibility-date", "2026-11-17")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("listening on ws://127.0.0.1:"), "first line: " + line);
        port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer.isAlive()) {
            peer.destroyForcibly();
        }
    }

    @Test
    void servesTheProtocolAndLogsWhatItObserved() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/peer?id=jar-test"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                        closed.complete(code + " " + reason);
                        return null;
                    }
                }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        ws.sendText("hello", true);
        assertEquals("hello", received.poll(WAIT_SECONDS, TimeUnit.SECONDS), "echo");
        ws.sendText("{\"op\":\"state\"}", true);
        assertEquals("{\"readyState\":1}", received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        ws.sendText("{\"op\":\"close\",\"code\":999}", true);
        ws.sendText("{\"op\":\"close\",\"code\":4000,\"reason\":\"bye\"}", true);
        assertEquals("4000 bye", closed.get(WAIT_SECONDS, TimeUnit.SECONDS));

        // the peer logs its close() call once the call returned, after the Close frame went out
        JsonArray log = log("jar-test");
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                log.size() < 8 && System.nanoTime() < deadline; ) {
            log = log("jar-test");
        }
        List<String> shapes = log.stream().map(v -> {
            JsonObject entry = v.asJsonObject();
            return entry.containsKey("event") ? entry.getString("event") + "@" + entry.getInt("readyState")
                    : entry.getString("op") + ":" + entry.getString("call") + "=" + entry.getBoolean("ok")
                            + (entry.containsKey("error") ? "/" + entry.getString("error") + "/" + entry.getString("errorClass") : "");
        }).toList();
        assertEquals(List.of("accept:accept=true", "message@1", "message@1", "state:send=true", "message@1",
                "close:close=false/InvalidAccessError/DOMException", "message@1", "close:close=true"), shapes.subList(0, 8));
    }

    @Test
    void answersPlainRequestsAsTheProtocolSays() throws Exception {
        assertEquals(426, get("/peer?id=x").statusCode());
        HttpResponse<String> log = get("/log?id=never-used");
        assertEquals(200, log.statusCode());
        assertEquals("application/json", log.headers().firstValue("Content-Type").orElse(""));
        assertEquals("[]", log.body());
        assertEquals(404, get("/elsewhere").statusCode());
    }

    @Test
    void servesTheObjectsPeerUnderObjects() throws Exception {
        ObjectsScenario broadcast = ObjectsScenarios.all().stream().filter(s -> s.name().equals("tags-and-broadcast"))
                .findFirst().orElseThrow();
        JsonObject observed = new ObjectsRunner(URI.create("ws://127.0.0.1:" + port)).observe(broadcast);
        assertFalse(observed.containsKey("timeouts"), observed::toString);
        List<JsonValue> sockets = observed.getJsonArray("gets").stream().map(g -> g.asJsonObject().get("body")).toList();
        assertEquals(List.of(ids("c", "b", "a"), ids("a", "b"), ids("a")), sockets,
                "getWebSockets() newest first, by tag in acceptance order");
        JsonObject toAll = Json.createObjectBuilder().add("frame", "binary").add("hex", "00ff").build();
        assertEquals(List.of(toAll), observed.getJsonObject("clients").getJsonObject("c").getJsonArray("received"));
    }

    private static JsonArray ids(String... ids) {
        return Json.createArrayBuilder(List.of(ids)).build();
    }

    @Test
    void exitsCleanlyOnSigterm() throws Exception {
        Process another = new ProcessBuilder("java", "-jar", Path.of("target", "conformance-peer.jar").toString(),
                "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(new BufferedReader(new InputStreamReader(another.getInputStream(), StandardCharsets.UTF_8))
                .readLine().startsWith("listening on"));
        another.destroy();
        assertTrue(another.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, another.exitValue());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonArray log(String id) throws Exception {
        return Json.createReader(new StringReader(get("/log?id=" + id).body())).readArray();
    }
}
