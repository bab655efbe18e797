package dev.wspair;

/**
 * workerd's {@code DOMException} named {@code SyntaxError}: a close reason over 123 UTF-8 bytes, or
 * an invalid URL or subprotocol for {@code new WebSocket(url)}.
 */
public class SyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message workerd's message, unchanged
     */
    public SyntaxException(String message) {
        super(message);
    }
}
