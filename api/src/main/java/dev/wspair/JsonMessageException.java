package dev.wspair;

/**
 * A message that could not be read as the type asked for ({@link MessageEvent#json(Class)}), or an
 * object that could not be written as JSON ({@link WebSocket#sendJson(Object)}). Part of wspair's
 * JSON extension, not of the Workers API (where {@code JSON.parse} throws a {@code SyntaxError}).
 *
 * <p>The message names the Java type and gives Jakarta JSON-B's reason (for text that is not JSON,
 * the JSON parser's, with the position); the cause is the JSON-B or JSON-P exception, when there is
 * one. The message never contains the message's content.
 */
public class JsonMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be done, with the type and the reason
     * @param cause JSON-B's or JSON-P's exception, or {@code null}
     */
    public JsonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
