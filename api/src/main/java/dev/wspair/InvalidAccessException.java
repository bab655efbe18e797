package dev.wspair;

/**
 * workerd's {@code DOMException} named {@code InvalidAccessError}: an invalid close code, or a close
 * reason without a code.
 */
public class InvalidAccessException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message workerd's message, unchanged
     */
    public InvalidAccessException(String message) {
        super(message);
    }
}
