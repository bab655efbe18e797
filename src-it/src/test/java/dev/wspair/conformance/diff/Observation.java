package dev.wspair.conformance.diff;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * What one scenario run observed on one peer: the handshake status, what the client received
 * (frames and the end of the connection, {@link RawWebSocketClient}) and the peer's log (the JSON
 * array of {@code /log}). {@code trace} (times, what the client sent) is for the report only.
 *
 * <p>The lists are mutable on purpose: documented differences rewrite copies of them.
 */
public final class Observation {

    public final String peer;
    public final String id;
    public int handshakeStatus;
    public final List<JsonObject> client = new ArrayList<>();
    public final List<JsonObject> log = new ArrayList<>();
    public final List<String> trace = new ArrayList<>();

    public Observation(String peer, String id) {
        this.peer = peer;
        this.id = id;
    }

    /** A copy whose lists can be rewritten without touching this one. */
    public Observation copy() {
        Observation o = new Observation(peer, id);
        o.handshakeStatus = handshakeStatus;
        o.client.addAll(client);
        o.log.addAll(log);
        o.trace.addAll(trace);
        return o;
    }

    /** The first log entry with {@code "event":"close"}, or -1. */
    public int indexOfCloseEvent() {
        for (int i = 0; i < log.size(); i++) {
            if (isEvent(log.get(i), "close")) {
                return i;
            }
        }
        return -1;
    }

    static boolean isEvent(JsonObject entry, String event) {
        return event.equals(string(entry, "event"));
    }

    static boolean isOp(JsonObject entry, String op, String call) {
        return op.equals(string(entry, "op")) && (call == null || call.equals(string(entry, "call")));
    }

    /** The string at {@code key}, or null if absent or not a string. */
    public static String string(JsonObject entry, String key) {
        JsonValue v = entry.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.STRING ? entry.getString(key) : null;
    }

    /** The number at {@code key} as an int, or null if absent or not a number. */
    public static Integer integer(JsonObject entry, String key) {
        JsonValue v = entry.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.NUMBER ? entry.getJsonNumber(key).intValue() : null;
    }
}
