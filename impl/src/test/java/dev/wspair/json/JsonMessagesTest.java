package dev.wspair.json;

import static dev.wspair.WebSocket.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.JsonMessageException;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code event.json(type)} and {@code ws.sendJson(value)}: given an accepted pair in an
 * application, what one end sends the other reads as a Java object, and what is not JSON for the
 * type fails with a message that names the type and the reason.
 */
class JsonMessagesTest {

    /** A message of the tests' protocol. */
    public record Chat(String name, String message) {
    }

    /** JSON-B cannot write it: its only property cannot be read. */
    public static final class Broken {
        public String getSecret() {
            throw new IllegalStateException("no");
        }
    }

    private ApplicationRuntime application;
    private WebSocket client;
    private WebSocket server;
    private Recorder serverEvents;

    @BeforeEach
    void pair() {
        application = ApplicationRuntime.builder("json-test").start();
        WebSocketPair pair = application.call(WebSocketPair::new);
        client = pair.client();
        server = pair.server();
        serverEvents = new Recorder("server", server, () -> { }, Timeouts.EVENT);
        client.accept();
        server.accept();
    }

    @AfterEach
    void close() {
        serverEvents.assertExhausted();
        application.close();
    }

    @Test
    void anObjectSentAsJsonIsReadBackAsItsType() {
        client.sendJson(new Chat("ada", "hello"));

        MessageEvent event = serverEvents.expectText("{\"message\":\"hello\",\"name\":\"ada\"}", OPEN);
        assertEquals(new Chat("ada", "hello"), event.json(Chat.class));
    }

    @Test
    void listsMapsAndTheJsonNullAreJsonToo() {
        client.sendJson(List.of(new Chat("ada", "a"), new Chat("bob", "b")));
        client.send("null");

        MessageEvent list = serverEvents.expectText("[{\"message\":\"a\",\"name\":\"ada\"},{\"message\":\"b\",\"name\":\"bob\"}]", OPEN);
        assertEquals(List.of(new Chat("ada", "a"), new Chat("bob", "b")), List.of(list.json(Chat[].class)));
        assertNull(serverEvents.expectText("null", OPEN).json(Chat.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello | Unexpected char 104 at (line no=1, column no=1, offset=0)",
        "'{\"name\": \"ada\"' | Expected tokens are: [COMMA, CURLYCLOSE]",
        "'[\"ada\"]' | Received event: START_ARRAY",
        "'{\"name\": \"ada\"} {\"name\": \"bob\"}' | text after the JSON value (Expected EOF token, but got CURLYOPEN)",
        "'{\"name\": \"ada\"} x' | text after the JSON value (Unexpected char 120",
    })
    void textThatIsNotJsonForTheTypeFailsNamingTheTypeAndTheReason(String text, String reason) {
        client.send(text);
        MessageEvent event = serverEvents.expectText(text, OPEN);

        JsonMessageException failure = assertThrows(JsonMessageException.class, () -> event.json(Chat.class));
        String expectedStart = "The message is not JSON for dev.wspair.json.JsonMessagesTest$Chat: ";
        assertTrue(failure.getMessage().startsWith(expectedStart), failure.getMessage());
        assertTrue(failure.getMessage().contains(reason), failure.getMessage());
        Throwable cause = failure.getCause();
        assertTrue(cause instanceof JsonbException || cause instanceof JsonException, "JSON-B's or JSON-P's: " + cause);
    }

    @Test
    void aBinaryMessageIsNotReadAsJson() {
        client.send("{\"name\": \"ada\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MessageEvent event = serverEvents.expectBinary("{\"name\": \"ada\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), OPEN);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> event.json(Chat.class));
        assertEquals("This is a binary message: use bytes() or buffer()", failure.getMessage());
    }

    @Test
    void anObjectThatCannotBeWrittenIsNotSentAndTheSocketGoesOn() {
        JsonMessageException failure = assertThrows(JsonMessageException.class, () -> client.sendJson(new Broken()));
        assertTrue(failure.getMessage().startsWith("Cannot write a dev.wspair.json.JsonMessagesTest$Broken as JSON: "),
                failure.getMessage());
        assertThrows(NullPointerException.class, () -> client.sendJson(null));

        client.send("after");
        serverEvents.expectText("after", OPEN);
        assertEquals(OPEN, client.readyState());
    }

    @Test
    void eachApplicationHasItsOwnJsonbClosedWithIt() throws Exception {
        CompletableFuture<Chat> readInListener = new CompletableFuture<>();
        serverEvents.onEvent("message", event -> readInListener.complete(((MessageEvent) event).json(Chat.class)));
        client.sendJson(new Chat("ada", "hi"));
        serverEvents.expectText("{\"message\":\"hi\",\"name\":\"ada\"}", OPEN);
        assertEquals(new Chat("ada", "hi"), readInListener.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));

        try (ApplicationRuntime other = ApplicationRuntime.builder("json-test-other").start()) {
            assertNotSame(application.json(), other.json());
            other.close();
            IllegalStateException stopped = assertThrows(IllegalStateException.class,
                    () -> other.json().read("{}", Chat.class));
            assertEquals("The application json-test-other has stopped", stopped.getMessage());
            assertEquals(new Chat("bob", null), application.json().read("{\"name\":\"bob\"}", Chat.class));
        }
    }
}
