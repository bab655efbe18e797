package dev.wspair.conformance.objects;

import dev.wspair.conformance.diff.RawWebSocketClient;
import dev.wspair.conformance.objects.ObjectsScenario.AwaitEnd;
import dev.wspair.conformance.objects.ObjectsScenario.AwaitFrames;
import dev.wspair.conformance.objects.ObjectsScenario.AwaitLog;
import dev.wspair.conformance.objects.ObjectsScenario.AwaitQuiet;
import dev.wspair.conformance.objects.ObjectsScenario.Binary;
import dev.wspair.conformance.objects.ObjectsScenario.Close;
import dev.wspair.conformance.objects.ObjectsScenario.CloseEmpty;
import dev.wspair.conformance.objects.ObjectsScenario.Connect;
import dev.wspair.conformance.objects.ObjectsScenario.Drop;
import dev.wspair.conformance.objects.ObjectsScenario.Get;
import dev.wspair.conformance.objects.ObjectsScenario.RawFrame;
import dev.wspair.conformance.objects.ObjectsScenario.Step;
import dev.wspair.conformance.objects.ObjectsScenario.Text;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@link ObjectsScenario}s against an objects peer (protocol: the header of
 * src-it/workerd/objects.js) at a base URL ({@code ws://127.0.0.1:N}, or with the context root of
 * a deployment: {@code ws://127.0.0.1:N/objects-peer}) with
 * {@link RawWebSocketClient}s, which see the wire exactly and answer nothing by themselves, and
 * returns a normalized observation as JSON text:
 *
 * <pre>
 * {"scenario":NAME,
 *  "clients":{"a":{"object":"room","id":"a","status":101,"received":[{"frame":"text","data":"x"},
 *                  {"frame":"close","code":1000,"reason":""},{"end":"eof","afterClientClose":true}]}},
 *  "gets":[{"step":3,"object":"room","path":"sockets","status":200,"body":["b","a"]}],
 *  "logs":{"room":[...the log of each object that a client connected to or a step awaited...]},
 *  "timeouts":["step 7: awaitFrames a 2"]}
 * </pre>
 *
 * Normalized: object names are the scenario's logical names (the runner prefixes a unique run
 * token on the wire), reception times are dropped, and the peer itself never logs a time
 * ({@code "<timestamp>"}). {@code "timeouts"} is present only when a wait ran out. After the last
 * step the clients get a common window of {@link #QUIET_MILLIS} (longer for a client that is still
 * receiving) before the logs are read, and a log is read once it stopped changing.
 */
public final class ObjectsRunner {

    public static final long WAIT_MILLIS = 5000;
    public static final long QUIET_MILLIS = 200;
    public static final int PARALLEL = 4;
    private static final long LOG_POLL_MILLIS = 20;
    private static final long LOG_STABLE_MILLIS = 100;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000), 16);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final URI base;
    private final URI httpBase;
    /** The base URL's path without a trailing slash: {@code ""} or a context root. */
    private final String root;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ObjectsRunner(URI base) {
        this.base = base;
        this.httpBase = URI.create(base.toString().replaceFirst("^ws", "http"));
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.root = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Runs the scenarios, {@link #PARALLEL} at a time (each has its own objects, so they cannot
     * disturb each other); returns {@code {"NAME":observation,...}} in the list's order as JSON text.
     */
    public String runAll(List<ObjectsScenario> scenarios) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<JsonObject>> results = new ArrayList<>();
            for (ObjectsScenario s : scenarios) {
                results.add(pool.submit(() -> observe(s)));
            }
            JsonObjectBuilder all = Json.createObjectBuilder();
            for (int i = 0; i < scenarios.size(); i++) {
                try {
                    all.add(scenarios.get(i).name(), results.get(i).get());
                } catch (ExecutionException e) {
                    throw new IOException("scenario " + scenarios.get(i).name() + " failed", e.getCause());
                }
            }
            return all.build().toString();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one scenario; returns its observation as JSON text. */
    public String run(ObjectsScenario scenario) throws IOException, InterruptedException {
        return observe(scenario).toString();
    }

    /** Runs one scenario; returns its observation. */
    public JsonObject observe(ObjectsScenario scenario) throws IOException, InterruptedException {
        String prefix = "r" + RUN + "-" + COUNTER.incrementAndGet() + "-"; // names stay within 64 chars
        Map<String, Client> clients = new LinkedHashMap<>();
        Set<String> objects = new LinkedHashSet<>();
        JsonArrayBuilder gets = Json.createArrayBuilder();
        JsonArrayBuilder timeouts = Json.createArrayBuilder();
        boolean timedOut = false;
        try {
            int index = 0;
            for (Step step : scenario.steps()) {
                index++;
                String failed = execute(step, index, prefix, clients, objects, gets);
                if (failed != null) {
                    timeouts.add("step " + index + ": " + failed);
                    timedOut = true;
                }
            }
            // one window for all clients: each gets at least what is left of it, more while it receives
            long windowEnd = System.nanoTime() + QUIET_MILLIS * 1_000_000;
            for (Client c : clients.values()) {
                long left = Math.max(1, (windowEnd - System.nanoTime()) / 1_000_000);
                c.socket.awaitEndOrQuiet(left, WAIT_MILLIS);
            }
            JsonObjectBuilder clientsOut = Json.createObjectBuilder();
            for (Map.Entry<String, Client> e : clients.entrySet()) {
                Client c = e.getValue();
                JsonArrayBuilder received = Json.createArrayBuilder();
                if (c.socket.handshakeStatus() == 101) {
                    c.socket.received().forEach(r -> received.add(r.entry()));
                }
                clientsOut.add(e.getKey(), Json.createObjectBuilder().add("object", c.object).add("id", c.id)
                        .add("status", c.socket.handshakeStatus()).add("received", received));
            }
            JsonObjectBuilder logs = Json.createObjectBuilder();
            for (String object : objects) {
                logs.add(object, stableLog(prefix + object));
            }
            JsonObjectBuilder out = Json.createObjectBuilder().add("scenario", scenario.name()).add("clients", clientsOut)
                    .add("gets", gets).add("logs", logs);
            if (timedOut) {
                out.add("timeouts", timeouts);
            }
            return out.build();
        } finally {
            clients.values().forEach(c -> c.socket.close());
        }
    }

    private record Client(String object, String id, RawWebSocketClient socket) {
    }

    /** Runs one step; returns a description of a wait that ran out, or null. */
    private String execute(Step step, int index, String prefix, Map<String, Client> clients, Set<String> objects,
            JsonArrayBuilder gets) throws IOException, InterruptedException {
        if (step instanceof Connect s) {
            objects.add(s.object());
            String query = "id=" + s.id() + (s.options().isEmpty() ? "" : "&" + s.options());
            String path = root + "/objects/" + prefix + s.object() + "/connect?" + query;
            RawWebSocketClient socket = RawWebSocketClient.connect(base, path, CONNECT_TIMEOUT_MILLIS);
            Client old = clients.put(s.client(), new Client(s.object(), s.id(), socket));
            if (old != null) {
                throw new IllegalArgumentException("client " + s.client() + " connected twice");
            }
        } else if (step instanceof Text s) {
            client(clients, s.client()).sendText(s.text());
        } else if (step instanceof Binary s) {
            client(clients, s.client()).sendBinary(HexFormat.of().parseHex(s.hex()));
        } else if (step instanceof RawFrame s) {
            client(clients, s.client()).write("frame opcode " + s.opcode(),
                    RawWebSocketClient.frame(s.opcode(), HexFormat.of().parseHex(s.hex())));
        } else if (step instanceof Close s) {
            client(clients, s.client()).sendClose(s.code(), s.reason());
        } else if (step instanceof CloseEmpty s) {
            client(clients, s.client()).sendCloseEmpty();
        } else if (step instanceof Drop s) {
            client(clients, s.client()).dropAbruptly();
        } else if (step instanceof AwaitFrames s) {
            if (!client(clients, s.client()).awaitFrames(s.count(), WAIT_MILLIS)) {
                return "awaitFrames " + s.client() + " " + s.count();
            }
        } else if (step instanceof AwaitEnd s) {
            if (!client(clients, s.client()).awaitEnd(WAIT_MILLIS)) {
                return "awaitEnd " + s.client();
            }
        } else if (step instanceof AwaitQuiet s) {
            client(clients, s.client()).awaitEndOrQuiet(s.millis(), s.millis() + WAIT_MILLIS);
        } else if (step instanceof AwaitLog s) {
            objects.add(s.object());
            if (!awaitLog(prefix + s.object(), s.conn(), s.event(), s.count())) {
                return "awaitLog " + s.object() + " " + s.conn() + " " + s.event() + " " + s.count();
            }
        } else if (step instanceof Get s) {
            HttpResponse<String> r = get(prefix + s.object(), s.path());
            gets.add(Json.createObjectBuilder().add("step", index).add("object", s.object()).add("path", s.path())
                    .add("status", r.statusCode()).add("body", body(r)));
        } else {
            throw new IllegalArgumentException("unknown step " + step);
        }
        return null;
    }

    private static RawWebSocketClient client(Map<String, Client> clients, String name) {
        Client c = clients.get(name);
        if (c == null) {
            throw new IllegalArgumentException("client " + name + " is not connected");
        }
        return c.socket;
    }

    private HttpResponse<String> get(String object, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(httpBase.resolve(root + "/objects/" + object + "/" + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON body as JSON, any other body as a string (its first line). */
    private static JsonValue body(HttpResponse<String> r) {
        String contentType = r.headers().firstValue("content-type").orElse("");
        if (contentType.startsWith("application/json")) {
            return Json.createReader(new StringReader(r.body())).readValue();
        }
        String text = r.body().strip();
        int newline = text.indexOf('\n');
        return Json.createValue(newline < 0 ? text : text.substring(0, newline));
    }

    private JsonArray log(String object) throws IOException, InterruptedException {
        HttpResponse<String> r = get(object, "log");
        if (r.statusCode() != 200) {
            throw new IOException("GET /objects/" + object + "/log: " + r.statusCode() + " " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readArray();
    }

    private boolean awaitLog(String object, String conn, String event, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            long n = log(object).stream().map(JsonValue::asJsonObject)
                    .filter(e -> event.equals(e.getString("event", null)) && conn.equals(e.getString("conn", null))).count();
            if (n >= count) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(LOG_POLL_MILLIS); // polling interval of a bounded wait on the log
        }
    }

    /** The log once it has not changed for {@link #LOG_STABLE_MILLIS} (at most {@link #WAIT_MILLIS}). */
    private JsonArray stableLog(String object) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        JsonArray last = log(object);
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(LOG_POLL_MILLIS); // polling interval
            JsonArray now = log(object);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= LOG_STABLE_MILLIS * 1_000_000) {
                break;
            }
        }
        return last;
    }
}
