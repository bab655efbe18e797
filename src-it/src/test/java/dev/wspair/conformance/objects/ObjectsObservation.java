package dev.wspair.conformance.objects;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One peer's observation of one {@link ObjectsScenario} ({@link ObjectsRunner}'s JSON), cut into
 * named lists of entries that are compared entry by entry, field by field:
 *
 * <ul>
 * <li>{@code clients}: one entry per client, {@code {"client","object","id","status"}};</li>
 * <li>{@code received CLIENT}: what the client received, frames and the end of its connection;</li>
 * <li>{@code gets}: the scenario's {@code GET}s (step, object, path, status, body);</li>
 * <li>{@code log OBJECT}: the object's log;</li>
 * <li>{@code timeouts}: the waits that ran out, {@code {"timeout":TEXT}} (absent when none did).</li>
 * </ul>
 *
 * <p>The lists are mutable on purpose: accepted differences rewrite a {@link #copy()}.
 */
public final class ObjectsObservation {

    public final String peer;
    public final Map<String, List<JsonObject>> sections = new LinkedHashMap<>();

    private ObjectsObservation(String peer) {
        this.peer = peer;
    }

    /** The sections of one scenario's observation as {@link ObjectsRunner} returns it. */
    public static ObjectsObservation of(String peer, JsonObject observation) {
        ObjectsObservation o = new ObjectsObservation(peer);
        List<JsonObject> clients = o.section("clients");
        for (Map.Entry<String, JsonValue> e : observation.getJsonObject("clients").entrySet()) {
            JsonObject client = e.getValue().asJsonObject();
            clients.add(Json.createObjectBuilder().add("client", e.getKey()).add("object", client.get("object"))
                    .add("id", client.get("id")).add("status", client.get("status")).build());
            o.section("received " + e.getKey()).addAll(client.getJsonArray("received").getValuesAs(JsonObject.class));
        }
        o.section("gets").addAll(observation.getJsonArray("gets").getValuesAs(JsonObject.class));
        for (Map.Entry<String, JsonValue> e : observation.getJsonObject("logs").entrySet()) {
            o.section("log " + e.getKey()).addAll(e.getValue().asJsonArray().getValuesAs(JsonObject.class));
        }
        if (observation.containsKey("timeouts")) {
            List<JsonObject> timeouts = o.section("timeouts");
            observation.getJsonArray("timeouts").forEach(t -> timeouts.add(Json.createObjectBuilder().add("timeout", t).build()));
        }
        return o;
    }

    /** The named list, created empty if absent. */
    public List<JsonObject> section(String name) {
        return sections.computeIfAbsent(name, k -> new ArrayList<>());
    }

    /** A copy whose lists can be rewritten without touching this one. */
    public ObjectsObservation copy() {
        ObjectsObservation o = new ObjectsObservation(peer);
        sections.forEach((name, entries) -> o.sections.put(name, new ArrayList<>(entries)));
        return o;
    }
}
