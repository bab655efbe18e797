package dev.wspair;

/**
 * The {@code error} event. {@link #message()} reads as workerd's: {@code "Uncaught " + name + ": "
 * + message} of the error; {@link #error()} is the error itself. Only the first error of a socket
 * is delivered.
 */
public final class ErrorEvent extends Event {

    private final String message;
    private final Throwable error;

    /**
     * Creates an {@code error} event. The runtime creates them; applications need this only to fire
     * events themselves, e.g. in tests.
     *
     * @param target the socket that fires the event
     * @param message the text, as workerd would report the error
     * @param error the error itself
     */
    public ErrorEvent(WebSocket target, String message, Throwable error) {
        super("error", target);
        this.message = message;
        this.error = error;
    }

    /**
     * The text of the error, as workerd reports it: {@code "Uncaught Error: "} and the message for
     * the runtime's own errors (e.g. {@code "Uncaught Error: Network connection lost."}); for an
     * exception a listener threw, the exception's simple class name stands where workerd puts the
     * JavaScript error's name ({@code "Uncaught IllegalStateException: boom"}).
     *
     * @return the text
     */
    public String message() {
        return message;
    }

    /**
     * The error itself: a {@link WebSocketException} for a lost connection, a protocol error or a
     * message over the size limit; the exception a listener threw; or the cause of a failed {@code
     * new WebSocket(url)} handshake.
     *
     * @return the error
     */
    public Throwable error() {
        return error;
    }

    @Override
    public String toString() {
        return "ErrorEvent[" + message + "]";
    }
}
