package dev.wspair.conformance.diff;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field-by-field, entry-by-entry comparison of two observations (workerd first, Java second),
 * after normalizing what is legitimately incomparable. Everything else is compared, including the
 * {@code errorMessage} of op entries for thrown errors (protocol v1.2): the Java API must throw
 * workerd's exact messages. What is normalized:
 * <ul>
 * <li>the {@code message} of {@code error} log entries (the protocol says they are not compared);</li>
 * <li>the kind of the end of the TCP connection ({@code eof}/{@code reset}/{@code error}): only
 * whether it ended, and whether the client had sent its Close by then, are compared (the kind
 * depends on whether unread bytes were in flight);</li>
 * <li>IDs and times, which are not part of the compared lists at all.</li>
 * </ul>
 */
public final class Differ {

    private Differ() {
    }

    /** One difference: where, which field, and both values ({@code null} = absent). */
    public record Difference(String where, int index, String field, JsonValue workerd, JsonValue java) {
        @Override
        public String toString() {
            return where + "[" + index + "]" + ("(entry)".equals(field) ? "" : "." + field) + ": workerd="
                    + show(workerd) + " java=" + show(java);
        }

        private static String show(JsonValue v) {
            return v == null ? "(absent)" : v.toString();
        }
    }

    public static List<Difference> diff(Observation workerd, Observation java) {
        List<Difference> out = new ArrayList<>();
        if (workerd.handshakeStatus != java.handshakeStatus) {
            out.add(new Difference("handshake", 0, "status", Json.createValue(workerd.handshakeStatus),
                    Json.createValue(java.handshakeStatus)));
        }
        compare("client", normalizeClient(workerd.client), normalizeClient(java.client), out);
        compare("log", normalizeLog(workerd.log), normalizeLog(java.log), out);
        return out;
    }

    /** The kind of the end of the TCP connection ({@code eof}, {@code reset}, {@code error}) becomes {@code ended}. */
    public static List<JsonObject> normalizeClient(List<JsonObject> entries) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject e : entries) {
            if (e.containsKey("end")) {
                out.add(with(e, "end", Json.createValue("ended")));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    static List<JsonObject> normalizeLog(List<JsonObject> entries) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject e : entries) {
            if (Observation.isEvent(e, "error") && e.containsKey("message")) {
                out.add(without(e, "message"));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** Entry by entry, field by field: one {@link Difference} per field that differs, or per entry only one side has. */
    public static void compare(String where, List<JsonObject> a, List<JsonObject> b, List<Difference> out) {
        int n = Math.max(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            JsonObject x = i < a.size() ? a.get(i) : null;
            JsonObject y = i < b.size() ? b.get(i) : null;
            if (x == null || y == null) {
                out.add(new Difference(where, i, "(entry)", x, y));
                continue;
            }
            Set<String> keys = new LinkedHashSet<>(x.keySet());
            keys.addAll(y.keySet());
            for (String key : keys) {
                JsonValue vx = x.get(key);
                JsonValue vy = y.get(key);
                if (vx == null ? vy != null : !vx.equals(vy)) {
                    out.add(new Difference(where, i, key, vx, vy));
                }
            }
        }
    }

    /** {@code e} with {@code key} set to {@code value} (in place if present). */
    public static JsonObject with(JsonObject e, String key, JsonValue value) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        boolean replaced = false;
        for (Map.Entry<String, JsonValue> f : e.entrySet()) {
            if (f.getKey().equals(key)) {
                b.add(key, value);
                replaced = true;
            } else {
                b.add(f.getKey(), f.getValue());
            }
        }
        if (!replaced) {
            b.add(key, value);
        }
        return b.build();
    }

    /** {@code e} without {@code key}. */
    public static JsonObject without(JsonObject e, String key) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> f : e.entrySet()) {
            if (!f.getKey().equals(key)) {
                b.add(f.getKey(), f.getValue());
            }
        }
        return b.build();
    }
}
