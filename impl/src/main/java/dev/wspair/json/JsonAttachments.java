package dev.wspair.json;

import dev.wspair.engine.AttachmentCodec;
import java.nio.charset.StandardCharsets;

/**
 * Attachments as JSON, through the application's {@link JsonMessages} (one JSON-B instance per
 * application serves both).
 */
public final class JsonAttachments implements AttachmentCodec {

    private final JsonMessages json;

    private JsonAttachments(JsonMessages json) {
        this.json = json;
    }

    /** A JSON codec over {@code json} if the JSON-B API is on the class path, else {@link AttachmentCodec#NONE}. */
    public static AttachmentCodec overOrNone(JsonMessages json) {
        try {
            Class.forName("jakarta.json.bind.JsonbBuilder", false, JsonAttachments.class.getClassLoader());
            return new JsonAttachments(json);
        } catch (ClassNotFoundException | LinkageError noJsonb) {
            return AttachmentCodec.NONE;
        }
    }

    @Override
    public byte[] encode(Object value) {
        String text = value == null ? "null" : json.write(value);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(byte[] bytes, Class<?> type) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return "null".equals(text) ? null : json.read(text, type);
    }
}
