package dev.wspair.conformance;

import dev.wspair.AcceptOptions;
import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.MessageEvent;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The conformance peer, written with the Workers-style API: a server socket driven by the client's
 * commands, logging what it observes. It speaks the protocol of {@code src-it/workerd/peer.js}
 * (described in that file's header), the same peer running in workerd. Its sockets take the
 * application's compatibility settings ({@link OldPeerRoute}: a date before auto-reply).
 */
@Route("/peer")
@ApplicationScoped
public class PeerRoute implements FetchHandler {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "halfOpen", List.of("0", "1"),
            "preAccept", List.of("none", "send", "close"),
            "onClose", List.of("none", "close", "closeLater", "send", "closeTwice"),
            "onMessage", List.of("echo", "none"));
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peer-close-later");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    PeerLogs logs;

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return new Response("Upgrade: websocket required\n", 426, Map.of("Upgrade", "websocket"), null);
        }
        String id = request.query("id");
        if (id == null || !ID.matcher(id).matches()) {
            return new Response("bad id\n", 400);
        }
        String[] bad = new String[1];
        Map<String, String> options = PeerInputs.options(request, OPTIONS, message -> bad[0] = message);
        if (options == null) {
            return new Response(bad[0] + "\n", 400);
        }
        WebSocketPair pair = newPair();
        new Connection(pair.server(), logs.start(id), options).start();
        return Response.webSocket(pair.client());
    }

    /** {@code new WebSocketPair()}, with the compatibility settings of this peer. */
    protected WebSocketPair newPair() {
        return new WebSocketPair();
    }

    /** One peer connection: its socket, its options, its log. */
    private static final class Connection {
        private final WebSocket server;
        private final PeerLogs.Log log;
        private final Map<String, String> options;

        Connection(WebSocket server, PeerLogs.Log log, Map<String, String> options) {
            this.server = server;
            this.log = log;
            this.options = options;
        }

        void start() {
            server.addEventListener(EventType.MESSAGE, this::message);
            server.addEventListener(EventType.CLOSE, this::close);
            server.addEventListener(EventType.ERROR, this::error);
            switch (options.get("preAccept")) {
                case "send":
                    call("preAccept", "send", () -> server.send("x"));
                    break;
                case "close":
                    call("preAccept", "close", () -> server.close(1000));
                    break;
                default:
                    break;
            }
            if (options.get("halfOpen").equals("1")) {
                call("accept", "accept", () -> server.accept(AcceptOptions.allowHalfOpen(true)));
            } else {
                call("accept", "accept", server::accept);
            }
        }

        private void message(MessageEvent event) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("event", "message").add("readyState", server.readyState());
            if (event.isText()) {
                log.add(entry.add("type", "text").add("data", event.text()).build());
                JsonObject command = command(event.text());
                if (command != null) {
                    run(command);
                } else if (options.get("onMessage").equals("echo")) {
                    echo(() -> server.send(event.text()));
                }
            } else {
                log.add(entry.add("type", "binary").add("hex", HexFormat.of().formatHex(event.bytes()))
                        .add("dataClass", "ArrayBuffer").build());
                if (options.get("onMessage").equals("echo")) {
                    echo(() -> server.send(event.buffer()));
                }
            }
        }

        private void close(CloseEvent event) {
            log.add(Json.createObjectBuilder().add("event", "close").add("readyState", server.readyState())
                    .add("code", event.code()).add("reason", event.reason()).add("wasClean", event.wasClean()).build());
            int code = event.code();
            switch (options.get("onClose")) {
                case "close":
                    call("onClose", "close", () -> server.close(code, "done"));
                    break;
                case "closeLater":
                    LATER.schedule(() -> call("onClose", "close", () -> server.close(code, "done")), 50, TimeUnit.MILLISECONDS);
                    break;
                case "send":
                    call("onClose", "send", () -> server.send("late"));
                    break;
                case "closeTwice":
                    call("onClose", "close", () -> server.close(code, "done"));
                    call("onClose", "close", () -> server.close(code, "done"));
                    break;
                default:
                    break;
            }
        }

        private void error(ErrorEvent event) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("event", "error").add("readyState", server.readyState())
                    .add("message", event.message());
            if (event.error() != null) {
                entry.add("error", Errors.name(event.error())).add("errorClass", Errors.className(event.error()));
            }
            log.add(entry.build());
        }

        /** A text message that parses as a JSON object with a string {@code op}; else null. */
        private static JsonObject command(String text) {
            try {
                JsonValue value = Json.createReader(new StringReader(text)).readValue();
                if (value instanceof JsonObject && ((JsonObject) value).get("op") instanceof JsonString) {
                    return (JsonObject) value;
                }
            } catch (JsonParsingException | IllegalStateException e) {
                // not JSON: data
            }
            return null;
        }

        private void run(JsonObject command) {
            String op = command.getString("op");
            switch (op) {
                case "send":
                    JsonValue text = command.get("text");
                    if (text instanceof JsonString) {
                        call(op, "send", () -> server.send(((JsonString) text).getString()));
                    } else {
                        log.add(failed(op, "BadCommand"));
                    }
                    break;
                case "sendBinary":
                    byte[] bytes = PeerInputs.hex(command.get("hex"));
                    if (bytes == null) {
                        log.add(failed(op, "BadCommand"));
                    } else {
                        call(op, "send", () -> server.send(bytes));
                    }
                    break;
                case "close":
                    Integer code = command.get("code") instanceof JsonNumber ? command.getJsonNumber("code").intValue() : null;
                    String reason = command.get("reason") instanceof JsonString ? command.getString("reason") : null;
                    if (code == null && reason == null) {
                        call(op, "close", server::close);
                    } else {
                        call(op, "close", () -> server.close(code, reason));
                    }
                    break;
                case "state":
                    call(op, "send", () -> server.send("{\"readyState\":" + server.readyState() + "}"));
                    break;
                case "sendAfterClose":
                    int closeCode = command.get("code") instanceof JsonNumber ? command.getJsonNumber("code").intValue() : 1000;
                    call(op, "close", () -> server.close(closeCode));
                    call(op, "send", () -> server.send("after"));
                    break;
                default:
                    log.add(failed(op, "UnknownCommand"));
                    break;
            }
        }

        private static JsonObject failed(String op, String error) {
            return Json.createObjectBuilder().add("op", op).add("ok", false).add("error", error).build();
        }

        /** Calls a WebSocket method and logs one entry for it. */
        private void call(String op, String method, Runnable call) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("op", op).add("call", method)
                    .add("readyStateBefore", server.readyState());
            try {
                call.run();
                entry.add("readyStateAfter", server.readyState()).add("ok", true);
            } catch (RuntimeException e) {
                entry.add("readyStateAfter", server.readyState()).add("ok", false)
                        .add("error", Errors.name(e)).add("errorClass", Errors.className(e))
                        .add("errorMessage", Errors.message(e));
            }
            log.add(entry.build());
        }

        /** An echo is logged only when it fails. */
        private void echo(Runnable send) {
            int before = server.readyState();
            try {
                send.run();
            } catch (RuntimeException e) {
                log.add(Json.createObjectBuilder().add("op", "echo").add("call", "send").add("readyStateBefore", before)
                        .add("readyStateAfter", server.readyState()).add("ok", false)
                        .add("error", Errors.name(e)).add("errorClass", Errors.className(e))
                        .add("errorMessage", Errors.message(e)).build());
            }
        }
    }
}
