package dev.wspair.conformance;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectState;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The objects peer's Durable Object, as {@code ObjectsPeer} in {@code src-it/workerd/objects.js}:
 * it accepts sockets with {@code ctx.acceptWebSocket}, runs the clients' commands ({@link
 * ObjectsPeerCommands}) and logs every handler call and API call. Its log and its map from socket
 * (by identity) to connection are plain fields: the peer runs with hibernation off.
 */
public class ObjectsPeer implements DurableObject {

    private static final Map<String, List<String>> OPTIONS = Map.of(
            "onMessage", List.of("none", "echo"),
            "onClose", List.of("none", "close", "send"),
            "acceptTwice", List.of("0", "1"));

    /** A connection: its ID and options. */
    record Connection(String id, Map<String, String> options) {
    }

    final DurableObjectState ctx;
    private final List<JsonObject> log = new ArrayList<>();
    private final Map<WebSocket, Connection> sockets = new IdentityHashMap<>();
    private final Set<String> usedIds = new HashSet<>();
    private final ObjectsPeerCommands commands = new ObjectsPeerCommands(this);

    public ObjectsPeer(DurableObjectState ctx) {
        this.ctx = ctx;
    }

    static Response text(int status, String body) {
        return new Response(body + "\n", status, Map.of("Content-Type", "text/plain; charset=utf-8"), null);
    }

    private static Response json(JsonValue value) {
        return new Response(value.toString(), 200, Map.of("Content-Type", "application/json"), null);
    }

    // ---- requests ----

    @Override
    public Response fetch(Request request) {
        switch (request.pathParam("what")) {
            case "log":
                JsonArrayBuilder entries = Json.createArrayBuilder();
                log.forEach(entries::add);
                return json(entries.build());
            case "sockets":
                String tag = request.query("tag");
                return json(ids(tag == null ? ctx.getWebSockets() : ctx.getWebSockets(tag)));
            default:
                return connect(request);
        }
    }

    private Response connect(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return text(426, "Upgrade: websocket required");
        }
        String id = request.query("id");
        if (id == null || !ObjectsPeerRoute.NAME.matcher(id).matches()) {
            return text(400, "bad id");
        }
        if (usedIds.contains(id)) {
            return text(400, "id " + id + " already used in this object");
        }
        String[] bad = new String[1];
        Map<String, String> options = PeerInputs.options(request, OPTIONS, message -> bad[0] = message);
        if (options == null) {
            return text(400, bad[0]);
        }
        List<String> tags = null;
        String tagsText = request.query("tags");
        if (tagsText != null) {
            tags = stringArray(tagsText);
            if (tags == null) {
                return text(400, "tags is not a JSON array of strings");
            }
        }
        usedIds.add(id);
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        sockets.put(server, new Connection(id, options));
        if (accept(id, server, tags)) {
            if (options.get("acceptTwice").equals("1")) {
                accept(id, server, tags);
            }
        } else if (!targetCall("connect", id, "acceptWebSocket", server, () -> ctx.acceptWebSocket(server), null, null)) {
            return text(500, "acceptWebSocket(server) failed: see the log");
        }
        return Response.webSocket(pair.client());
    }

    private boolean accept(String id, WebSocket server, List<String> tags) {
        if (tags == null) {
            return targetCall("connect", id, "acceptWebSocket", server, () -> ctx.acceptWebSocket(server), null, null);
        }
        JsonArrayBuilder logged = Json.createArrayBuilder();
        tags.forEach(logged::add);
        return targetCall("connect", id, "acceptWebSocket", server, () -> ctx.acceptWebSocket(server, tags),
                Json.createObjectBuilder().add("tags", logged), null);
    }

    private static List<String> stringArray(String text) {
        try {
            JsonValue value = Json.createReader(new StringReader(text)).readValue();
            if (!(value instanceof JsonArray)) {
                return null;
            }
            List<String> strings = new ArrayList<>();
            for (JsonValue element : (JsonArray) value) {
                if (!(element instanceof JsonString)) {
                    return null;
                }
                strings.add(((JsonString) element).getString());
            }
            return strings;
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        }
    }

    // ---- handlers ----

    @Override
    public void webSocketMessage(WebSocket ws, String message) {
        String from = idOf(ws);
        log(handlerEntry("webSocketMessage", from, ws).add("type", "text").add("data", message));
        JsonObject command = ObjectsPeerCommands.parse(message);
        if (command != null) {
            commands.run(ws, from, command, false);
        } else {
            echo(ws, from, () -> ws.send(message));
        }
    }

    @Override
    public void webSocketMessage(WebSocket ws, ByteBuffer message) {
        String from = idOf(ws);
        byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        log(handlerEntry("webSocketMessage", from, ws).add("type", "binary").add("hex", HexFormat.of().formatHex(bytes))
                .add("dataClass", "ArrayBuffer"));
        echo(ws, from, () -> ws.send(bytes));
    }

    private void echo(WebSocket ws, String from, Runnable send) {
        Connection connection = sockets.get(ws);
        if (connection == null || !connection.options().get("onMessage").equals("echo")) {
            return;
        }
        int before = ws.readyState();
        try {
            send.run();
        } catch (RuntimeException e) {
            log(failed(Json.createObjectBuilder().add("op", "echo").add("from", from).add("call", "send")
                    .add("target", from).add("readyStateBefore", before).add("readyStateAfter", ws.readyState()), e));
        }
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        String conn = idOf(ws);
        JsonObjectBuilder entry = handlerEntry("webSocketClose", conn, ws);
        reads(ws, entry);
        log(entry.add("code", code).add("reason", reason).add("wasClean", wasClean));
        Connection connection = sockets.get(ws);
        String onClose = connection == null ? "none" : connection.options().get("onClose");
        if (onClose.equals("close")) {
            targetCall("onClose", conn, "close", ws, () -> ws.close(code, "done"), null, null);
        } else if (onClose.equals("send")) {
            targetCall("onClose", conn, "send", ws, () -> ws.send("late"), null, null);
        }
    }

    @Override
    public void webSocketError(WebSocket ws, Throwable error) {
        JsonObjectBuilder entry = handlerEntry("webSocketError", idOf(ws), ws);
        reads(ws, entry);
        if (error != null) {
            entry.add("error", Errors.name(error)).add("errorClass", Errors.className(error))
                    .add("message", Errors.message(error));
        }
        log(entry);
    }

    /** listed, tags and attachment, read before anything else in the close and error handlers. */
    private void reads(WebSocket ws, JsonObjectBuilder entry) {
        entry.add("listed", read(() -> ctx.getWebSockets().contains(ws) ? JsonValue.TRUE : JsonValue.FALSE));
        entry.add("tags", read(() -> strings(ctx.getTags(ws))));
        entry.add("attachment", read(() -> attachment(ws)));
    }

    private static JsonValue read(Supplier<JsonValue> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return Json.createValue("threw:" + Errors.name(e));
        }
    }

    // ---- the log ----

    private JsonObjectBuilder handlerEntry(String event, String conn, WebSocket ws) {
        return nullable(Json.createObjectBuilder().add("event", event), "conn", conn).add("readyState", ws.readyState());
    }

    void log(JsonObjectBuilder entry) {
        log.add(entry.build());
    }

    String idOf(WebSocket ws) {
        Connection connection = sockets.get(ws);
        return connection == null ? null : connection.id();
    }

    JsonArray ids(List<WebSocket> list) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (WebSocket ws : list) {
            String id = idOf(ws);
            if (id == null) {
                ids.addNull();
            } else {
                ids.add(id);
            }
        }
        return ids.build();
    }

    static JsonArray strings(List<String> strings) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        strings.forEach(array::add);
        return array.build();
    }

    static JsonValue attachment(WebSocket ws) {
        JsonValue value = ws.deserializeAttachment(JsonValue.class);
        return value == null ? JsonValue.NULL : value;
    }

    static JsonObjectBuilder nullable(JsonObjectBuilder entry, String name, String value) {
        return value == null ? entry.addNull(name) : entry.add(name, value);
    }

    static JsonObjectBuilder failed(JsonObjectBuilder entry, RuntimeException e) {
        return entry.add("ok", false).add("error", Errors.name(e)).add("errorClass", Errors.className(e))
                .add("errorMessage", Errors.message(e));
    }

    /**
     * One entry for a call on socket {@code target}, with its readyState before and after.
     *
     * @param extra fields to add (e.g. the tags), or null
     * @param result the call's result as JSON, or null for none
     * @return whether the call succeeded
     */
    boolean targetCall(String op, String from, String method, WebSocket target, Runnable call, JsonObjectBuilder extra,
            Supplier<JsonValue> result) {
        JsonObjectBuilder entry = nullable(nullable(Json.createObjectBuilder().add("op", op), "from", from)
                .add("call", method), "target", idOf(target));
        if (extra != null) {
            entry.addAll(extra);
        }
        entry.add("readyStateBefore", target.readyState());
        try {
            JsonValue value = null;
            if (result == null) {
                call.run();
            } else {
                value = result.get();
            }
            entry.add("readyStateAfter", target.readyState()).add("ok", true);
            if (value != null) {
                entry.add("result", value);
            }
            log(entry);
            return true;
        } catch (RuntimeException e) {
            log(failed(entry.add("readyStateAfter", target.readyState()), e));
            return false;
        }
    }

    /** One entry for a call on the object; returns its value, or null when it threw. */
    <T> T objectCall(String op, String from, String method, Supplier<T> call, JsonObjectBuilder extra,
            Function<T, JsonValue> result) {
        JsonObjectBuilder entry = nullable(Json.createObjectBuilder().add("op", op), "from", from).add("call", method);
        if (extra != null) {
            entry.addAll(extra);
        }
        try {
            T value = call.get();
            entry.add("ok", true);
            if (result != null) {
                entry.add("result", result.apply(value));
            }
            log(entry);
            return value;
        } catch (RuntimeException e) {
            log(failed(entry, e));
            return null;
        }
    }
}
