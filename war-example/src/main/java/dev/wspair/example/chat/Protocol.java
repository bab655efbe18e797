package dev.wspair.example.chat;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.NoSuchElementException;

/**
 * The chat's JSON messages, one per WebSocket text message.
 *
 * <pre>
 * client to server:  {"message": "hello"}                       at most 1000 characters
 * server to client:  {"name": "ada", "message": "hello", "timestamp": 1767225600000}
 *                    {"joined": "ada"}    {"quit": "ada"}    {"error": "what was wrong"}
 * </pre>
 */
final class Protocol {

    static final int MAX_MESSAGE_LENGTH = 1000;
    /** A longer text is refused unread: a message fits even with each character escaped in six. */
    static final int MAX_TEXT_LENGTH = 8 * 1024;

    static final String NOT_A_MESSAGE = "Not a chat message: send {\"message\": \"...\"} as JSON text.";
    static final String BINARY = "Binary messages are not supported: send {\"message\": \"...\"} as JSON text.";
    static final String EMPTY = "A message must not be empty.";
    static final String TOO_LONG = "A message may have at most " + MAX_MESSAGE_LENGTH + " characters.";

    private static final JsonProvider JSON = JsonProvider.provider();

    private Protocol() {
    }

    /** A client's message that is refused; its text is sent back to that client alone. */
    static final class BadMessage extends Exception {
        private static final long serialVersionUID = 1L;

        BadMessage(String why) {
            super(why, null, false, false);
        }
    }

    /** The message a client sent as {@code {"message": "..."}}. */
    static String message(String text) throws BadMessage {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new BadMessage(TOO_LONG);
        }
        JsonObject object = readObject(text);
        JsonValue value = object.get("message");
        if (!(value instanceof JsonString)) {
            throw new BadMessage(NOT_A_MESSAGE);
        }
        String message = ((JsonString) value).getString();
        if (message.isBlank()) {
            throw new BadMessage(EMPTY);
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new BadMessage(TOO_LONG);
        }
        return message;
    }

    /** The one JSON object that {@code text} holds, with nothing after it. */
    private static JsonObject readObject(String text) throws BadMessage {
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new BadMessage(NOT_A_MESSAGE);
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new BadMessage(NOT_A_MESSAGE);
            }
            return object;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new BadMessage(NOT_A_MESSAGE);
        }
    }

    static String said(String name, String message, long timestamp) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("message", message)
                .add("timestamp", timestamp)
                .build()
                .toString();
    }

    static String joined(String name) {
        return JSON.createObjectBuilder().add("joined", name).build().toString();
    }

    static String quit(String name) {
        return JSON.createObjectBuilder().add("quit", name).build().toString();
    }

    static String error(String why) {
        return JSON.createObjectBuilder().add("error", why).build().toString();
    }
}
