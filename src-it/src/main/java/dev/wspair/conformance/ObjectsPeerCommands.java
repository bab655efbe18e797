package dev.wspair.conformance;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketRequestResponsePair;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The objects peer's commands (the "Commands" of the protocol in {@code src-it/workerd/objects.js}'s header), run inside {@code webSocketMessage}. */
final class ObjectsPeerCommands {

    private static final Set<String> SOCKET_COMMANDS = Set.of("send", "sendBinary", "close", "accept", "getTags",
            "serializeAttachment", "deserializeAttachment", "getAutoResponseTimestamp");

    private final ObjectsPeer peer;

    ObjectsPeerCommands(ObjectsPeer peer) {
        this.peer = peer;
    }

    /** A text message that parses as a JSON object with a string {@code op}; else null (data). */
    static JsonObject parse(String text) {
        try {
            JsonValue value = Json.createReader(new StringReader(text)).readValue();
            return isCommand(value) ? (JsonObject) value : null;
        } catch (JsonParsingException | IllegalStateException e) {
            return null;
        }
    }

    private static boolean isCommand(JsonValue value) {
        return value instanceof JsonObject && ((JsonObject) value).get("op") instanceof JsonString;
    }

    void run(WebSocket ws, String from, JsonObject command, boolean inBatch) {
        String op = command.getString("op");
        if (op.equals("batch")) {
            if (inBatch || !(command.get("cmds") instanceof JsonArray)) {
                bad(op, from, "BadCommand");
                return;
            }
            for (JsonValue element : command.getJsonArray("cmds")) {
                if (isCommand(element)) {
                    run(ws, from, (JsonObject) element, true);
                } else {
                    bad("batch", from, "BadCommand");
                }
            }
        } else if (SOCKET_COMMANDS.contains(op)) {
            socketCommand(ws, from, command);
        } else if (op.equals("getWebSockets")) {
            if (command.containsKey("tag") && !(command.get("tag") instanceof JsonString)) {
                bad(op, from, "BadCommand");
            } else {
                getWebSockets(op, from, command.containsKey("tag") ? command.getString("tag") : null);
            }
        } else if (op.equals("setAutoResponse")) {
            boolean hasRequest = command.containsKey("request");
            if (hasRequest != command.containsKey("response")) {
                bad(op, from, "BadCommand");
            } else if (hasRequest) {
                peer.objectCall(op, from, "setWebSocketAutoResponse", () -> {
                    peer.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(
                            coerce(command.get("request")), coerce(command.get("response"))));
                    return null;
                }, null, null);
            } else {
                peer.objectCall(op, from, "setWebSocketAutoResponse", () -> {
                    peer.ctx.setWebSocketAutoResponse();
                    return null;
                }, null, null);
            }
        } else if (op.equals("getAutoResponse")) {
            peer.objectCall(op, from, "getWebSocketAutoResponse", peer.ctx::getWebSocketAutoResponse, null,
                    pair -> pair == null ? JsonValue.NULL : Json.createObjectBuilder().add("request", pair.request())
                            .add("response", pair.response()).build());
        } else {
            bad(op, from, "UnknownCommand");
        }
    }

    private List<WebSocket> getWebSockets(String op, String from, String tag) {
        if (tag == null) {
            return peer.objectCall(op, from, "getWebSockets", () -> peer.ctx.getWebSockets(), null, peer::ids);
        }
        return peer.objectCall(op, from, "getWebSockets", () -> peer.ctx.getWebSockets(tag),
                Json.createObjectBuilder().add("tag", tag), peer::ids);
    }

    private void socketCommand(WebSocket ws, String from, JsonObject command) {
        String op = command.getString("op");
        boolean hasTag = command.containsKey("tag");
        boolean hasAll = command.containsKey("all");
        if ((hasTag && hasAll) || (hasTag && !(command.get("tag") instanceof JsonString))
                || (hasAll && command.get("all") != JsonValue.TRUE)) {
            bad(op, from, "BadCommand");
            return;
        }
        Consumer<WebSocket> action = action(op, from, command);
        if (action == null) {
            bad(op, from, "BadCommand");
            return;
        }
        List<WebSocket> targets = List.of(ws);
        if (hasTag || hasAll) {
            targets = getWebSockets(op, from, hasTag ? command.getString("tag") : null);
            if (targets == null) {
                return;
            }
        }
        targets.forEach(action);
    }

    /** One logged call on a target; null for a malformed command. */
    private Consumer<WebSocket> action(String op, String from, JsonObject command) {
        switch (op) {
            case "send":
                return t -> peer.targetCall(op, from, "send", t, () -> t.send(coerce(command.get("text"))), null, null);
            case "sendBinary":
                byte[] bytes = PeerInputs.hex(command.get("hex"));
                return bytes == null ? null : t -> peer.targetCall(op, from, "send", t, () -> t.send(bytes), null, null);
            case "close":
                Integer code = command.get("code") instanceof JsonNumber ? command.getJsonNumber("code").intValue() : null;
                String reason = command.containsKey("reason") ? coerce(command.get("reason")) : null;
                return t -> peer.targetCall(op, from, "close", t, () -> {
                    if (code == null && reason == null) {
                        t.close();
                    } else {
                        t.close(code, reason);
                    }
                }, null, null);
            case "accept":
                return t -> peer.targetCall(op, from, "accept", t, t::accept, null, null);
            case "getTags":
                return t -> peer.targetCall(op, from, "getTags", t, null, null,
                        () -> ObjectsPeer.strings(peer.ctx.getTags(t)));
            case "serializeAttachment":
                if (!command.containsKey("value")) {
                    return null;
                }
                JsonValue value = command.get("value");
                return t -> peer.targetCall(op, from, "serializeAttachment", t, () -> t.serializeAttachment(value), null, null);
            case "deserializeAttachment":
                return t -> peer.targetCall(op, from, "deserializeAttachment", t, null, null, () -> ObjectsPeer.attachment(t));
            default: // getAutoResponseTimestamp
                return t -> peer.targetCall(op, from, "getWebSocketAutoResponseTimestamp", t, null, null,
                        () -> peer.ctx.getWebSocketAutoResponseTimestamp(t) == null ? JsonValue.NULL
                                : Json.createValue("<timestamp>"));
        }
    }

    private void bad(String op, String from, String error) {
        peer.log(ObjectsPeer.nullable(Json.createObjectBuilder().add("op", op), "from", from).add("ok", false)
                .add("error", error));
    }

    /** JavaScript's {@code String(value)} for a JSON value: strings as they are, anything else as its JSON. */
    private static String coerce(JsonValue value) {
        if (value == null) {
            return "undefined";
        }
        return value instanceof JsonString ? ((JsonString) value).getString() : value.toString();
    }

}
