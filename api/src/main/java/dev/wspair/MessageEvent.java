package dev.wspair;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The {@code message} event: {@link #data()} is a {@code String} for a text message and a
 * read-only {@link ByteBuffer} for a binary one.
 */
public final class MessageEvent extends Event {

    private final String text;
    private final byte[] binary;

    /**
     * A text message.
     *
     * @param target the socket that received it
     * @param text the text
     */
    public MessageEvent(WebSocket target, String text) {
        super("message", target);
        this.text = Objects.requireNonNull(text, "text");
        this.binary = null;
    }

    /**
     * A binary message. The array is not copied: the event never changes it and hands out only
     * read-only views and copies of it.
     *
     * @param target the socket that received it
     * @param binary the bytes, which the caller must not change afterwards
     */
    public MessageEvent(WebSocket target, byte[] binary) {
        super("message", target);
        this.text = null;
        this.binary = Objects.requireNonNull(binary, "binary");
    }

    /**
     * The payload, as JavaScript's {@code event.data}.
     *
     * @return a {@code String} for a text message, a new read-only {@code ByteBuffer} for a binary one
     */
    public Object data() {
        return text != null ? text : buffer();
    }

    /**
     * Whether this is a text message.
     *
     * @return {@code true} for a text message, {@code false} for a binary one
     */
    public boolean isText() {
        return text != null;
    }

    /**
     * The text of a text message.
     *
     * @return the text
     * @throws IllegalStateException for a binary message
     */
    public String text() {
        if (text == null) {
            throw new IllegalStateException("This is a binary message: use bytes() or buffer()");
        }
        return text;
    }

    /**
     * Reads a text message as an object of {@code type} with Jakarta JSON-B, as a Worker would
     * write {@code JSON.parse(event.data)}. <b>Not part of the Workers API</b>: an extension of
     * wspair. The JSON-B is the application's (the server's own on WildFly and Payara; Yasson on
     * the embedded runtime, which needs {@code org.eclipse:yasson} on the class path), created once
     * per application. The text must be exactly one JSON value, as for {@code JSON.parse}: text
     * after it (a second object, say) is refused. JSON-B's rules apply: it reads public classes,
     * records and their public fields or setters; unknown properties are ignored and missing ones
     * are left {@code null} (or 0); Yasson turns a JSON number or boolean into a {@code String} field.
     *
     * <pre>{@code
     * public record Chat(String message) {}
     * ws.addEventListener(EventType.MESSAGE, event -> {
     *     Chat chat = event.json(Chat.class);
     * });
     * }</pre>
     *
     * @param <T> the type
     * @param type the class to read the message as
     * @return the object; {@code null} for the JSON text {@code null}
     * @throws JsonMessageException when the text is not JSON, holds more than one JSON value, or
     *     cannot be read as {@code type}; its message names {@code type} and gives JSON-B's reason
     * @throws IllegalStateException for a binary message, or when no JSON-B implementation can be found
     */
    public <T> T json(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return WebSocketProvider.provider().readJson(text(), type);
    }

    /**
     * A copy of the bytes of a binary message.
     *
     * @return a new array
     * @throws IllegalStateException for a text message
     */
    public byte[] bytes() {
        return binaryOrThrow().clone();
    }

    /**
     * A new read-only view of the bytes of a binary message.
     *
     * @return a buffer positioned at 0, its limit the message size
     * @throws IllegalStateException for a text message
     */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(binaryOrThrow()).asReadOnlyBuffer();
    }

    /**
     * The payload size.
     *
     * @return the UTF-16 chars of a text message, the bytes of a binary one
     */
    public int length() {
        return text != null ? text.length() : binary.length;
    }

    /**
     * The origin of the message, as JavaScript's {@code event.origin}.
     *
     * @return always {@code null}, as in workerd
     */
    public String origin() {
        return null;
    }

    /**
     * The last event id, as JavaScript's {@code event.lastEventId}.
     *
     * @return always {@code ""}, as in workerd
     */
    public String lastEventId() {
        return "";
    }

    private byte[] binaryOrThrow() {
        if (binary == null) {
            throw new IllegalStateException("This is a text message: use text()");
        }
        return binary;
    }

    /** Shows the kind and size, never the content (logs must not leak messages). */
    @Override
    public String toString() {
        return text != null ? "MessageEvent[text, " + text.length() + " chars]"
                : "MessageEvent[binary, " + binary.length + " bytes]";
    }
}
