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
}
