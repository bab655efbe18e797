package dev.wspair.conformance;

import dev.wspair.Request;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both peers read from their clients: connect options and hex payloads. */
final class PeerInputs {

    private PeerInputs() {
    }

    /**
     * The connect options of {@code request}: each one's value, or its first allowed value when absent.
     *
     * @return the options, or {@code null} after {@code onBad} received the message for a bad value
     */
    static Map<String, String> options(Request request, Map<String, List<String>> allowed,
            java.util.function.Consumer<String> onBad) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> option : allowed.entrySet()) {
            String value = request.query(option.getKey());
            if (value == null) {
                value = option.getValue().get(0);
            } else if (!option.getValue().contains(value)) {
                onBad.accept("bad value for " + option.getKey() + ": " + value);
                return null;
            }
            options.put(option.getKey(), value);
        }
        return options;
    }

    /** The bytes of a hex string of even length, or {@code null} for anything else. */
    static byte[] hex(JsonValue value) {
        if (!(value instanceof JsonString)) {
            return null;
        }
        String hex = ((JsonString) value).getString();
        try {
            return hex.length() % 2 == 0 ? HexFormat.of().parseHex(hex) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
