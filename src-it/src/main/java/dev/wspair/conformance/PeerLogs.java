package dev.wspair.conformance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The observation logs of the most recent {@value #KEPT} connections, by the client's ID. */
@ApplicationScoped
public class PeerLogs {

    static final int KEPT = 256;

    private final Map<String, List<JsonObject>> logs = new LinkedHashMap<>();

    /** A fresh, empty log for {@code id}; a reused ID forgets its old log. */
    synchronized Log start(String id) {
        logs.remove(id);
        List<JsonObject> entries = new ArrayList<>();
        logs.put(id, entries);
        while (logs.size() > KEPT) {
            logs.remove(logs.keySet().iterator().next());
        }
        return entry -> {
            synchronized (this) {
                entries.add(entry);
            }
        };
    }

    /** The log of {@code id} as a JSON array, oldest entry first; {@code []} if unknown. */
    synchronized String json(String id) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        logs.getOrDefault(id, List.of()).forEach(array::add);
        return array.build().toString();
    }

    /** Appends entries to one connection's log. */
    @FunctionalInterface
    interface Log {
        void add(JsonObject entry);
    }
}
