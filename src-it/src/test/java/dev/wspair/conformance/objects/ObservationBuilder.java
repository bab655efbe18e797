package dev.wspair.conformance.objects;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Observations in {@link ObjectsRunner}'s format, for tests that need no peer; entries are JSON text. */
final class ObservationBuilder {

    private final Map<String, JsonObjectBuilder> clients = new LinkedHashMap<>();
    private final Map<String, JsonArrayBuilder> received = new LinkedHashMap<>();
    private final JsonArrayBuilder gets = Json.createArrayBuilder();
    private final Map<String, JsonArrayBuilder> logs = new LinkedHashMap<>();
    private final JsonArrayBuilder timeouts = Json.createArrayBuilder();
    private boolean timedOut;

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    /** Client {@code name} (ID {@code name}) connected to {@code object} with 101 and received {@code frames}. */
    ObservationBuilder client(String name, String object, String... frames) {
        clients.put(name, Json.createObjectBuilder().add("object", object).add("id", name).add("status", 101));
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String frame : frames) {
            list.add(json(frame));
        }
        received.put(name, list);
        return this;
    }

    ObservationBuilder log(String object, String... entries) {
        JsonArrayBuilder list = logs.computeIfAbsent(object, k -> Json.createArrayBuilder());
        for (String entry : entries) {
            list.add(json(entry));
        }
        return this;
    }

    ObservationBuilder get(int step, String object, String path, String body) {
        gets.add(Json.createObjectBuilder().add("step", step).add("object", object).add("path", path).add("status", 200)
                .add("body", json(body)));
        return this;
    }

    ObservationBuilder timeout(String text) {
        timeouts.add(text);
        timedOut = true;
        return this;
    }

    ObjectsObservation build(String peer) {
        JsonObjectBuilder clientsOut = Json.createObjectBuilder();
        clients.forEach((name, client) -> clientsOut.add(name, client.add("received", received.get(name))));
        JsonObjectBuilder logsOut = Json.createObjectBuilder();
        logs.forEach(logsOut::add);
        JsonObjectBuilder out = Json.createObjectBuilder().add("scenario", "synthetic").add("clients", clientsOut)
                .add("gets", gets).add("logs", logsOut);
        if (timedOut) {
            out.add("timeouts", timeouts);
        }
        JsonObject observation = out.build();
        return ObjectsObservation.of(peer, observation);
    }
}
