package dev.wspair.conformance;

import dev.wspair.InvalidAccessException;
import dev.wspair.SyntaxException;
import dev.wspair.WebSocketException;

/** The peer protocol's names for Java exceptions: what workerd's {@code err.name}, constructor and {@code err.message} would be. */
final class Errors {

    private Errors() {
    }

    static String name(Throwable error) {
        if (error instanceof InvalidAccessException) {
            return "InvalidAccessError";
        }
        if (error instanceof SyntaxException) {
            return "SyntaxError";
        }
        if (error instanceof IllegalArgumentException) {
            return "RangeError";
        }
        return className(error);
    }

    /** JavaScript's {@code err.message}: the text, or {@code ""} for an error without one. */
    static String message(Throwable error) {
        return error.getMessage() == null ? "" : error.getMessage();
    }

    static String className(Throwable error) {
        if (error instanceof IllegalStateException) {
            return "TypeError";
        }
        if (error instanceof InvalidAccessException || error instanceof SyntaxException) {
            return "DOMException";
        }
        if (error instanceof WebSocketException) {
            return "Error";
        }
        if (error instanceof IllegalArgumentException) {
            return "RangeError";
        }
        return error.getClass().getSimpleName();
    }
}
