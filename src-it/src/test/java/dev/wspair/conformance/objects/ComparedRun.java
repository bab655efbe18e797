package dev.wspair.conformance.objects;

import dev.wspair.conformance.diff.Documented.Container;
import dev.wspair.conformance.diff.Observation;
import dev.wspair.conformance.objects.ObjectsScenario.Connect;
import dev.wspair.conformance.objects.ObjectsScenario.Step;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * One scenario run on both peers, as an {@link ObjectsAccepted} entry sees it: the scenario, the
 * container the Java peer runs on, and (normalized copies of) the two observations, which the
 * entries rewrite; with the queries the entries share.
 */
public record ComparedRun(ObjectsScenario scenario, Container container, ObjectsObservation workerd, ObjectsObservation java) {

    /** A step and its number, counted from 1 as {@link ObjectsRunner} counts them. */
    public record Numbered<T extends Step>(int number, T step) {
    }

    /** The scenario's steps of this type, numbered. */
    public <T extends Step> List<Numbered<T>> steps(Class<T> type) {
        List<Numbered<T>> found = new ArrayList<>();
        for (int i = 0; i < scenario.steps().size(); i++) {
            if (type.isInstance(scenario.steps().get(i))) {
                found.add(new Numbered<>(i + 1, type.cast(scenario.steps().get(i))));
            }
        }
        return found;
    }

    /** Applies {@code rewrite} to every client the scenario connects (to all: it does not stop at the first); whether any rewrote something. */
    public boolean eachClient(BiPredicate<ComparedRun, Connect> rewrite) {
        boolean changed = false;
        for (Numbered<Connect> connect : steps(Connect.class)) {
            changed |= rewrite.test(this, connect.step());
        }
        return changed;
    }

    /** The connect step of {@code client}. */
    public Connect connect(String client) {
        return steps(Connect.class).stream().map(Numbered::step).filter(c -> c.client().equals(client)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("client " + client + " never connects"));
    }

    /** The log section of the object {@code client} connected to. */
    public static String logOf(Connect connect) {
        return "log " + connect.object();
    }

    public static String receivedBy(String client) {
        return "received " + client;
    }

    /** The first handler entry of {@code event} for connection {@code conn}, or -1. */
    public static int indexOfHandler(List<JsonObject> log, String event, String conn) {
        for (int i = 0; i < log.size(); i++) {
            if (isHandler(log.get(i), event, conn)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isHandler(JsonObject entry, String event, String conn) {
        return event.equals(Observation.string(entry, "event")) && conn.equals(Observation.string(entry, "conn"));
    }

    /** A received Close frame as the runner records it. */
    public static JsonObject closeFrame(int code, String reason) {
        return Json.createObjectBuilder().add("frame", "close").add("code", code).add("reason", reason).build();
    }

    /** The timeout the runner records for an {@code awaitLog} step that ran out. */
    public static JsonObject awaitLogTimeout(Numbered<ObjectsScenario.AwaitLog> await) {
        ObjectsScenario.AwaitLog s = await.step();
        return Json.createObjectBuilder().add("timeout", "step " + await.number() + ": awaitLog " + s.object() + " "
                + s.conn() + " " + s.event() + " " + s.count()).build();
    }
}
