package dev.wspair.json;

import dev.wspair.JsonMessageException;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/**
 * One application's JSON messages ({@code MessageEvent.json}, {@code WebSocket.sendJson}): one
 * JSON-B instance, created on first use (it is thread-safe, and costly to create: it caches what it
 * learns of each class), closed with the application. WildFly and Payara provide JSON-B; the
 * embedded runtime needs Yasson on the class path. Without them the first use fails with what to
 * add, and the application runs on without JSON: only {@link Binding} names the JSON types, so they
 * are loaded on first use and not when the application starts.
 */
public final class JsonMessages implements AutoCloseable {

    static final String MISSING = "JSON messages need Jakarta JSON-B 3.0 and an implementation of it: WildFly and "
            + "Payara provide them; elsewhere (the embedded runtime) add org.eclipse:yasson and "
            + "org.eclipse.parsson:parsson to the class path";

    private final String application;
    private final Object lock = new Object();
    /** Written under {@link #lock}, read without it once set. */
    private volatile Binding binding;
    private boolean closed;

    /** @param application the application's name, for the error after it stopped */
    public JsonMessages(String application) {
        this.application = application;
    }

    /** {@code text} as a {@code type}: exactly one JSON value, that JSON-B can read as {@code type}. */
    public <T> T read(String text, Class<T> type) {
        return binding().read(text, type);
    }

    /** {@code value} as JSON text. */
    public String write(Object value) {
        return binding().write(value);
    }

    /** Closes the JSON-B instance, if one was made; later reads and writes fail. */
    @Override
    public void close() {
        Binding made;
        synchronized (lock) {
            closed = true;
            made = binding;
            binding = null;
        }
        if (made != null) {
            made.close();
        }
    }

    private Binding binding() {
        Binding json = binding;
        if (json != null) {
            return json;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The application " + application + " has stopped");
            }
            if (binding == null) {
                try {
                    binding = Binding.create();
                } catch (LinkageError e) {
                    throw new IllegalStateException(MISSING + " (" + e + ")", e);
                }
            }
            return binding;
        }
    }

    /** The JSON-B and JSON-P instances, and every use of their types. */
    private static final class Binding {
        private final Jsonb jsonb;
        private final JsonProvider parsers;

        private Binding(Jsonb jsonb, JsonProvider parsers) {
            this.jsonb = jsonb;
            this.parsers = parsers;
        }

        static Binding create() {
            try {
                return new Binding(JsonbBuilder.create(), JsonProvider.provider());
            } catch (JsonbException | JsonException e) {
                // the API is there, no implementation was found
                throw new IllegalStateException(MISSING + " (" + e.getMessage() + ")", e);
            }
        }

        /**
         * JSON-B reads the value, then JSON-P checks that nothing follows it: JSON-B implementations
         * stop after the first value, {@code JSON.parse} does not.
         */
        <T> T read(String text, Class<T> type) {
            T value;
            try {
                value = jsonb.fromJson(text, type);
            } catch (JsonbException | JsonException e) {
                throw new JsonMessageException(notJsonFor(type) + reason(e), e);
            }
            try (JsonParser parser = parsers.createParser(new StringReader(text))) {
                JsonParser.Event first = parser.next();
                if (first == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (first == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
                if (parser.hasNext()) {
                    throw new JsonParsingException("Expected EOF token", parser.getLocation());
                }
            } catch (JsonException e) {
                throw new JsonMessageException(notJsonFor(type) + "text after the JSON value (" + e.getMessage() + ")", e);
            }
            return value;
        }

        String write(Object value) {
            try {
                return jsonb.toJson(value);
            } catch (JsonbException | JsonException e) {
                throw new JsonMessageException("Cannot write a " + value.getClass().getName() + " as JSON: " + reason(e), e);
            }
        }

        void close() {
            try {
                jsonb.close();
            } catch (Exception e) {
                // nothing goes through it any more: there is nothing to undo
            }
        }

        private static String notJsonFor(Class<?> type) {
            return "The message is not JSON for " + type.getName() + ": ";
        }

        /**
         * For text that is not JSON, the parser's reason, with the position: Yasson wraps it in
         * "Internal error: ...", which would send a reader looking for a bug. Otherwise JSON-B's.
         */
        private static String reason(Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonParsingException) {
                    return cause.getMessage();
                }
            }
            return e.getMessage();
        }
    }
}
