package dev.wspair.json;

import dev.wspair.engine.AttachmentCodec;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Attachments as JSON through JSON-B: one {@link Jsonb} per application, made on first use and
 * closed with the application (it caches the application's classes).
 */
public final class JsonAttachments implements AttachmentCodec, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JsonAttachments.class.getName());

    private volatile Jsonb jsonb;

    private JsonAttachments() {
    }

    /** A JSON codec if the JSON-B API is on the class path, else {@link AttachmentCodec#NONE}. */
    public static AttachmentCodec createOrNone() {
        try {
            Class.forName("jakarta.json.bind.JsonbBuilder", false, JsonAttachments.class.getClassLoader());
            return new JsonAttachments();
        } catch (ClassNotFoundException | LinkageError noJsonb) {
            return AttachmentCodec.NONE;
        }
    }

    @Override
    public byte[] encode(Object value) {
        String json = value == null ? "null" : jsonb().toJson(value);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(byte[] bytes, Class<?> type) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        return "null".equals(json) ? null : jsonb().fromJson(json, type);
    }

    private Jsonb jsonb() {
        Jsonb current = jsonb;
        if (current == null) {
            synchronized (this) {
                current = jsonb;
                if (current == null) {
                    try {
                        current = JsonbBuilder.create();
                    } catch (RuntimeException | LinkageError e) {
                        throw new IllegalStateException("WebSocket attachments need a JSON-B implementation"
                                + " (e.g. org.eclipse:yasson)", e);
                    }
                    jsonb = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        Jsonb current = jsonb;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Closing JSON-B failed", e);
            }
        }
    }
}
