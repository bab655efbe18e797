package dev.wspair.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wspair.Compatibility;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.JdkClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two applications in one JVM: each its own settings, compatibility, connections and threads. */
class ApplicationRuntimeTest {

    /** Echoes; a plain GET answers with the compatibility date its sockets would take. */
    @Route("/app")
    @ApplicationScoped
    public static class App implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            if (!request.isWebSocketUpgrade()) {
                return new Response(Compatibility.current().date().toString());
            }
            WebSocketPair pair = new WebSocketPair();
            pair.server().accept();
            pair.server().addEventListener(EventType.MESSAGE, event -> pair.server().send("echo " + event.text()));
            return Response.webSocket(pair.client());
        }
    }

    private static EmbeddedServer start(String name, String date, String maxMessageSize) throws Exception {
        return EmbeddedServer.builder().name(name).beanClasses(App.class)
                .setting("wspair.compatibilityDate", date).setting("wspair.maxMessageSize", maxMessageSize).start();
    }

    @Test
    void eachApplicationHasItsOwnSettingsAndConnectionsAndClosingOneLeavesTheOther() throws Exception {
        try (EmbeddedServer small = start("small", "2026-01-01", "100");
                EmbeddedServer large = start("large", "2026-11-17", "100000")) {
            assertEquals("2026-01-01", get(small));
            assertEquals("2026-11-17", get(large));

            JdkClient toSmall = new JdkClient(small.webSocketUri("/app"));
            JdkClient toLarge = new JdkClient(large.webSocketUri("/app"));
            String message = "x".repeat(200);
            toLarge.send(message);
            assertEquals("echo " + message, toLarge.next());
            toSmall.send(message);
            assertEquals("1009 Message is too large: 200 > 100", toSmall.closed.get(Timeouts.EVENT.toSeconds(), TimeUnit.SECONDS));

            JdkClient second = new JdkClient(small.webSocketUri("/app"));
            second.send("hi");
            assertEquals("echo hi", second.next(), "the server side of the connection is open");
            // the too-large one goes once the client has answered its Close
            Timeouts.until("one connection open on each", () -> small.runtime().bridge().openConnections() == 1
                    && large.runtime().bridge().openConnections() == 1);
            small.close();

            assertEquals("1001 going away", second.closed.get(Timeouts.EVENT.toSeconds(), TimeUnit.SECONDS));
            toLarge.send("still here");
            assertEquals("echo still here", toLarge.next());
            assertFalse(toLarge.closed.isDone());
            Timeouts.until("the closed application's threads end", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().startsWith("wspair-small-")));
        }
    }

    @Test
    void setDefaultChangesTheCompatibilityOfTheCallingApplicationOnly() throws Exception {
        try (EmbeddedServer first = start("first", "2026-11-17", "1000");
                EmbeddedServer second = start("second", "2026-11-17", "1000")) {
            first.call(() -> {
                Compatibility.setDefault(Compatibility.of("2026-02-02"));
                return null;
            });
            assertEquals("2026-02-02", get(first));
            assertEquals("2026-11-17", get(second));
            assertEquals(WebSocket.CLOSING, readyStateInCloseEvent(first.call(WebSocketPair::new)),
                    "made as the first application's code: its date 2026-02-02, before the automatic reply to Close");
            assertEquals(WebSocket.CLOSED, readyStateInCloseEvent(second.call(WebSocketPair::new)));
        }
    }

    @Test
    void aThreadFindsTheRuntimeRegisteredForItsContextClassLoader() throws Exception {
        ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (ApplicationRuntime runtime = ApplicationRuntime.builder("registered").classLoader(application).start()) {
            Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[0], application));
            assertSame(runtime, ApplicationRuntime.current(), "a child of the registered loader");
            Thread.currentThread().setContextClassLoader(before);
            assertEquals("default", ApplicationRuntime.current().name());

            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> ApplicationRuntime.builder("again").classLoader(application).start());
            assertEquals("The class loader " + application + " already belongs to the wspair runtime registered; "
                    + "again cannot register it too", twice.getMessage());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        Thread.currentThread().setContextClassLoader(application);
        try {
            assertEquals("default", ApplicationRuntime.current().name(), "a closed runtime is forgotten");
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    /** The readyState the server end sees in its close event after the client end closes. */
    private static int readyStateInCloseEvent(WebSocketPair pair) throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        pair.server().addEventListener(EventType.CLOSE, event -> seen.complete(pair.server().readyState()));
        pair.server().accept();
        pair.client().accept();
        pair.client().close(1000, "bye");
        return seen.get(Timeouts.EVENT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String get(EmbeddedServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.uri().resolve("/app")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
