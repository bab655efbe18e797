package dev.wspair;

/**
 * The {@code error} event. {@link #message()} reads as workerd's: {@code "Uncaught " + name + ": "
 * + message} of the error; {@link #error()} is the error itself. Only the first error of a socket
 * is delivered.
 */
public final class ErrorEvent extends Event {

    private final String message;
    private final Throwable error;

    public ErrorEvent(WebSocket target, String message, Throwable error) {
        super("error", target);
        this.message = message;
        this.error = error;
    }

    public String message() {
        return message;
    }

    public Throwable error() {
        return error;
    }

    @Override
    public String toString() {
        return "ErrorEvent[" + message + "]";
    }
}
