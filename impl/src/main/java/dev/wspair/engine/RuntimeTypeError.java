package dev.wspair.engine;

/**
 * A {@code TypeError} that the runtime itself reports in an error event (a handshake answered with
 * another status than 101): an {@link IllegalStateException}, as every TypeError of the API, whose
 * uncaught message names it {@code TypeError} as workerd's does.
 */
public final class RuntimeTypeError extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public RuntimeTypeError(String message) {
        super(message);
    }
}
