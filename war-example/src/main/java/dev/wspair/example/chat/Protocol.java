package dev.wspair.example.chat;

import dev.wspair.JsonMessageException;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * The chat's JSON messages, one per WebSocket text message, as records that JSON-B reads and
 * writes ({@code new MessageEvent(ws, text).json(Say.class)}, {@code ws.sendJson(new Said(...))}).
 *
 * <pre>
 * client to server:  {"message": "hello"}                       at most 1000 characters
 * server to client:  {"name": "ada", "message": "hello", "timestamp": 1767225600000}
 *                    {"joined": "ada"}    {"quit": "ada"}    {"error": "what was wrong"}
 * </pre>
 *
 * The records are public: JSON-B reads and writes public types only.
 */
final class Protocol {

    static final int MAX_MESSAGE_LENGTH = 1000;
    /** A longer text is refused unread: a message fits even with each character escaped in six. */
    static final int MAX_TEXT_LENGTH = 8 * 1024;

    static final String NOT_A_MESSAGE = "Not a chat message: send {\"message\": \"...\"} as JSON text.";
    static final String BINARY = "Binary messages are not supported: send {\"message\": \"...\"} as JSON text.";
    static final String EMPTY = "A message must not be empty.";
    static final String TOO_LONG = "A message may have at most " + MAX_MESSAGE_LENGTH + " characters.";

    private Protocol() {
    }

    /** What a client says: {@code {"message": "..."}}; the message must be a JSON string. */
    public record Say(@JsonbTypeDeserializer(StringOnly.class) String message) {
    }

    /** What the room hears: who said what, and when (milliseconds since the epoch). */
    @JsonbPropertyOrder({"name", "message", "timestamp"})
    public record Said(String name, String message, long timestamp) {
    }

    /** {@code {"joined": "ada"}} */
    public record Joined(String joined) {
    }

    /** {@code {"quit": "ada"}} */
    public record Quit(String quit) {
    }

    /** {@code {"error": "what was wrong"}}, to the client that sent it alone. */
    public record Refused(String error) {
    }

    /**
     * A JSON string as a {@code String}, and nothing else: JSON-B (Yasson) would read {@code 42} or
     * {@code true} as the text "42" or "true", which the chat refuses.
     */
    public static final class StringOnly implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (!(value instanceof JsonString)) {
                throw new JsonbException("Expected a JSON string, got " + value.getValueType());
            }
            return ((JsonString) value).getString();
        }
    }

    /** A client's message that is refused; its text is sent back to that client alone. */
    static final class BadMessage extends Exception {
        private static final long serialVersionUID = 1L;

        BadMessage(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The message a client sent as {@code {"message": "..."}} in the text message {@code text} of
     * {@code socket}. (A binary message is refused with {@link #BINARY} before it gets here.)
     */
    static String message(WebSocket socket, String text) throws BadMessage {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new BadMessage(TOO_LONG);
        }
        Say say;
        try {
            // The application's JSON-B, as event.json(Say.class) in an event listener.
            say = new MessageEvent(socket, text).json(Say.class);
        } catch (JsonMessageException e) {
            throw new BadMessage(NOT_A_MESSAGE);
        }
        if (say == null || say.message() == null) {
            throw new BadMessage(NOT_A_MESSAGE);
        }
        String message = say.message();
        if (message.isBlank()) {
            throw new BadMessage(EMPTY);
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new BadMessage(TOO_LONG);
        }
        return message;
    }
}
