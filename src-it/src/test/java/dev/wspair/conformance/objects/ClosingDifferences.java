package dev.wspair.conformance.objects;

import static dev.wspair.conformance.diff.Observation.integer;
import static dev.wspair.conformance.diff.Observation.string;
import static dev.wspair.conformance.objects.ComparedRun.closeFrame;
import static dev.wspair.conformance.objects.ComparedRun.indexOfHandler;
import static dev.wspair.conformance.objects.ComparedRun.isHandler;
import static dev.wspair.conformance.objects.ComparedRun.logOf;
import static dev.wspair.conformance.objects.ComparedRun.receivedBy;

import dev.wspair.conformance.diff.Differ;
import dev.wspair.conformance.objects.ComparedRun.Numbered;
import dev.wspair.conformance.objects.ObjectsScenario.AwaitLog;
import dev.wspair.conformance.objects.ObjectsScenario.Close;
import dev.wspair.conformance.objects.ObjectsScenario.CloseEmpty;
import dev.wspair.conformance.objects.ObjectsScenario.Connect;
import dev.wspair.conformance.objects.ObjectsScenario.Get;
import dev.wspair.conformance.objects.ObjectsScenario.RawFrame;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** The predicates and rewrites of the {@link ObjectsAccepted} entries about closing (D10, D19, D30, D31). */
final class ClosingDifferences {

    private static final String DISCONNECTED = "WebSocket disconnected without sending Close frame.";

    private ClosingDifferences() {
    }

    static JsonObject end(boolean afterClientClose) {
        return Json.createObjectBuilder().add("end", "ended").add("afterClientClose", afterClientClose).build();
    }

    /** The onClose handler's successful {@code close(code, "done")} on connection {@code id}. */
    static JsonObject echo(String id, int before, int after) {
        return Json.createObjectBuilder().add("op", "onClose").add("from", id).add("call", "close").add("target", id)
                .add("readyStateBefore", before).add("readyStateAfter", after).add("ok", true).build();
    }

    /** Whether {@code entry} is the onClose handler's {@code close(code, "done")} refused for {@code code}. */
    static boolean failedEcho(JsonObject entry, String id, int code) {
        JsonObject refused = Differ.with(Differ.with(echo(id, 2, 2), "ok", JsonValue.FALSE), "error",
                Json.createValue("InvalidAccessError"));
        refused = Differ.with(Differ.with(refused, "errorClass", Json.createValue("DOMException")), "errorMessage",
                Json.createValue("Invalid WebSocket close code: " + code + "."));
        return entry.equals(refused);
    }

    /** D10 on Undertow: the client's Close echoed at once; see {@link ObjectsAccepted#ECHO_U}. */
    static boolean immediateEcho(ComparedRun c) {
        boolean changed = false;
        for (Numbered<Close> close : c.steps(Close.class)) {
            changed |= immediateEcho(c, c.connect(close.step().client()), closeFrame(close.step().code(), close.step().reason()));
        }
        for (Numbered<CloseEmpty> empty : c.steps(CloseEmpty.class)) {
            changed |= immediateEcho(c, c.connect(empty.step().client()), closeFrame(1000, ""));
        }
        return changed;
    }

    private static boolean immediateEcho(ComparedRun c, Connect client, JsonObject echoed) {
        List<JsonObject> wLog = c.workerd().section(logOf(client));
        int wClose = indexOfHandler(wLog, "webSocketClose", client.id());
        int jClose = indexOfHandler(c.java().section(logOf(client)), "webSocketClose", client.id());
        if (wClose < 0 || jClose < 0 || !Integer.valueOf(2).equals(integer(wLog.get(wClose), "readyState"))
                || !Integer.valueOf(2).equals(integer(c.java().section(logOf(client)).get(jClose), "readyState"))) {
            return false;
        }
        List<JsonObject> w = c.workerd().section(receivedBy(client.client()));
        List<JsonObject> j = c.java().section(receivedBy(client.client()));
        int before = j.size() - 2;
        if (before < 0 || !j.subList(before, j.size()).equals(List.of(echoed, end(true))) || w.size() < before
                || !w.subList(0, before).equals(j.subList(0, before))) {
            return false;
        }
        boolean sent = wLog.stream().anyMatch(e -> isOnClose(e, client.id(), "send"));
        boolean closed = wLog.stream().anyMatch(e -> isOnClose(e, client.id(), "close"));
        boolean closeSeen = false;
        for (JsonObject after : w.subList(before, w.size())) {
            boolean late = sent && after.equals(Json.createObjectBuilder().add("frame", "text").add("data", "late").build());
            boolean done = closed && "close".equals(string(after, "frame")) && "done".equals(string(after, "reason"));
            boolean ended = closeSeen && after.containsKey("end");
            if (!late && !done && !ended) {
                return false;
            }
            closeSeen |= done;
        }
        w.clear();
        w.addAll(j);
        return true;
    }

    private static boolean isOnClose(JsonObject entry, String id, String call) {
        return "onClose".equals(string(entry, "op")) && id.equals(string(entry, "from")) && call.equals(string(entry, "call"))
                && JsonValue.TRUE.equals(entry.get("ok"));
    }

    /** D30: workerd kept the TCP connection; see {@link ObjectsAccepted#KEEPS_TCP}. */
    static boolean keptConnection(ComparedRun c, Connect client) {
        List<JsonObject> w = c.workerd().section(receivedBy(client.client()));
        List<JsonObject> j = c.java().section(receivedBy(client.client()));
        if (w.isEmpty() || j.size() != w.size() + 1 || !j.subList(0, w.size()).equals(w) || !j.get(w.size()).containsKey("end")) {
            return false;
        }
        JsonObject last = w.get(w.size() - 1);
        if (!"close".equals(string(last, "frame"))) {
            return false;
        }
        boolean protocolError = Integer.valueOf(1002).equals(integer(last, "code"))
                && c.steps(RawFrame.class).stream().anyMatch(r -> r.step().client().equals(client.client()));
        boolean closedByAnother = c.workerd().section(logOf(client)).stream().anyMatch(e -> "close".equals(string(e, "call"))
                && client.id().equals(string(e, "target")) && !client.id().equals(string(e, "from"))
                && JsonValue.TRUE.equals(e.get("ok")));
        if (!protocolError && !closedByAnother) {
            return false;
        }
        w.add(j.get(w.size()));
        return true;
    }

    /** D19 on Undertow: a frame error reported as a lost connection; see {@link ObjectsAccepted#FRAME_ERROR_AS_LOSS_U}. */
    static boolean errorAsLoss(ComparedRun c) {
        boolean changed = false;
        for (Numbered<RawFrame> raw : c.steps(RawFrame.class)) {
            Connect client = c.connect(raw.step().client());
            List<JsonObject> w = c.workerd().section(logOf(client));
            List<JsonObject> j = c.java().section(logOf(client));
            int i = indexOfHandler(w, "webSocketError", client.id());
            if (i < 0 || i >= j.size() || !"Error".equals(string(w.get(i), "error"))
                    || !Integer.valueOf(2).equals(integer(w.get(i), "readyState"))) {
                continue;
            }
            JsonObject loss = Differ.without(Differ.without(w.get(i), "error"), "errorClass");
            loss = Differ.with(Differ.with(loss, "event", Json.createValue("webSocketClose")), "code", Json.createValue(1006));
            loss = Differ.with(Differ.with(loss, "reason", Json.createValue(DISCONNECTED)), "wasClean", JsonValue.FALSE);
            if (loss.equals(j.get(i))) {
                w.set(i, loss);
                dropJavaTimeouts(c, client.id(), "webSocketError", count -> true);
                changed = true;
            }
        }
        return changed;
    }

    /** Removes the timeouts of Java's waits for {@code event}s of {@code id} whose count {@code excused} accepts, if workerd's did not run out. */
    private static void dropJavaTimeouts(ComparedRun c, String id, String event, java.util.function.IntPredicate excused) {
        for (Numbered<AwaitLog> await : c.steps(AwaitLog.class)) {
            AwaitLog s = await.step();
            JsonObject timeout = ComparedRun.awaitLogTimeout(await);
            if (s.conn().equals(id) && s.event().equals(event) && excused.test(s.count())
                    && !c.workerd().section("timeouts").contains(timeout)) {
                c.java().section("timeouts").remove(timeout);
            }
        }
    }

    /** D31: the object's own close ends the session at once; see {@link ObjectsAccepted#OWN_CLOSE_AT_ONCE}. */
    static boolean ownCloseAtOnce(ComparedRun c, Connect client) {
        String id = client.id();
        List<JsonObject> w = c.workerd().section(logOf(client));
        List<JsonObject> j = c.java().section(logOf(client));
        JsonObject own = ownClose(j, id);
        Numbered<Close> answer = c.steps(Close.class).stream().filter(s -> s.step().client().equals(client.client()))
                .findFirst().orElse(null);
        int wc = indexOfHandler(w, "webSocketClose", id);
        int jc = indexOfHandler(j, "webSocketClose", id);
        if (own == null || answer == null || wc < 0 || jc < 0
                || !isCleanClose(j.get(jc), own.getInt("code"), own.getString("reason"))
                || !isCleanClose(w.get(wc), answer.step().code(), answer.step().reason())) {
            return false;
        }
        List<JsonObject> closingMessages = w.stream().filter(e -> isClosingMessage(e, id)).toList();
        long read = j.stream().filter(e -> isClosingMessage(e, id)).count();
        List<JsonObject> messages = w.stream().filter(e -> isHandler(e, "webSocketMessage", id)).toList();
        dropJavaTimeouts(c, id, "webSocketMessage",
                count -> count <= messages.size() && closingMessages.contains(messages.get(count - 1)));
        List<JsonObject> seen = withoutClosingMessages(w, id, read);
        seen.replaceAll(e -> isHandler(e, "webSocketClose", id) ? Differ.with(Differ.with(e, "code", own.get("code")), "reason",
                own.get("reason")) : e);
        w.clear();
        w.addAll(seen);
        unlistedBeforeTheAnswer(c, id, answer.number());
        List<JsonObject> wr = c.workerd().section(receivedBy(client.client()));
        List<JsonObject> jr = c.java().section(receivedBy(client.client()));
        if (wr.size() == jr.size() && jr.size() >= 2 && wr.get(wr.size() - 1).containsKey("end") && jr.get(jr.size() - 1).containsKey("end")
                && jr.get(jr.size() - 2).equals(closeFrame(own.getInt("code"), own.getString("reason")))) {
            wr.set(wr.size() - 1, jr.get(jr.size() - 1));
        }
        return true;
    }

    /** {@code {"code":N,"reason":R}} of the first successful close of {@code id} (rs 1 -> 2) in {@code log}, from its command; or null. */
    private static JsonObject ownClose(List<JsonObject> log, String id) {
        JsonObject command = null;
        for (JsonObject e : log) {
            if ("webSocketMessage".equals(string(e, "event")) && "text".equals(string(e, "type"))) {
                command = parse(string(e, "data"));
            } else if (command != null && "close".equals(string(e, "call")) && id.equals(string(e, "target"))
                    && JsonValue.TRUE.equals(e.get("ok")) && Integer.valueOf(1).equals(integer(e, "readyStateBefore"))
                    && Integer.valueOf(2).equals(integer(e, "readyStateAfter"))) {
                Integer code = integer(command, "code");
                String reason = string(command, "reason");
                return code == null ? null : Json.createObjectBuilder().add("code", code).add("reason", reason == null ? "" : reason).build();
            }
        }
        return null;
    }

    private static JsonObject parse(String text) {
        try {
            JsonValue value = Json.createReader(new StringReader(text)).readValue();
            return value instanceof JsonObject ? value.asJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static boolean isCleanClose(JsonObject entry, int code, String reason) {
        return Integer.valueOf(3).equals(integer(entry, "readyState")) && Integer.valueOf(code).equals(integer(entry, "code"))
                && reason.equals(string(entry, "reason")) && JsonValue.TRUE.equals(entry.get("wasClean"));
    }

    private static boolean isClosingMessage(JsonObject entry, String id) {
        return isHandler(entry, "webSocketMessage", id) && Integer.valueOf(2).equals(integer(entry, "readyState"));
    }

    /**
     * {@code log} without the messages {@code id} sent while CLOSING (readyState 2) but the first
     * {@code read} (those the container delivered before it ended the session), and without the
     * calls they made.
     */
    private static List<JsonObject> withoutClosingMessages(List<JsonObject> log, String id, long read) {
        List<JsonObject> kept = new ArrayList<>();
        boolean skipping = false;
        long seen = 0;
        for (JsonObject e : log) {
            if (e.containsKey("event")) {
                skipping = isClosingMessage(e, id) && ++seen > read;
            }
            if (!skipping) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** A GET /sockets before the client's answer (step {@code answer}) lists {@code id} on workerd only. */
    private static void unlistedBeforeTheAnswer(ComparedRun c, String id, int answer) {
        List<JsonObject> w = c.workerd().section("gets");
        List<JsonObject> j = c.java().section("gets");
        for (int i = 0; i < Math.min(w.size(), j.size()); i++) {
            JsonObject get = w.get(i);
            Integer step = integer(get, "step");
            boolean isGet = step != null && step < answer && c.scenario().steps().get(step - 1) instanceof Get g
                    && g.path().startsWith("sockets") && get.get("body") instanceof JsonArray;
            if (!isGet) {
                continue;
            }
            List<JsonValue> without = new ArrayList<>(get.getJsonArray("body"));
            boolean listed = without.remove(Json.createValue(id));
            if (listed && Differ.with(get, "body", Json.createArrayBuilder(without).build()).equals(j.get(i))) {
                w.set(i, j.get(i));
            }
        }
    }
}
