package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.testkit.EchoRoute;
import dev.wspair.testkit.RawClient;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given the embedded runtime with a route and a plain JSR-356 endpoint, when a client opens each,
 * echoes 50 messages and closes, then Tyrus's timer pool was given no task: no session has an idle
 * timeout, and Tyrus 2.1.6 would otherwise schedule a no-op task (one thread wake-up) at every
 * session's start and every message in or out while the timeout is 0.
 */
class TyrusTimerPoolTest {

    /** {@code /plain}: a plain endpoint that sends each text back as {@code /echo} does, with the container's defaults. */
    public static class PlainEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> session.getAsyncRemote().sendText("echo: " + text));
        }
    }

    private static EmbeddedServer server;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedServer.builder().beanClasses(EchoRoute.class)
                .endpoints(ServerEndpointConfig.Builder.create(PlainEcho.class, "/plain").build()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRouteSocketGivesTyrusTimerPoolNoTask() throws IOException {
        assertNoTimerTaskWhileEchoing("/echo");
    }

    @Test
    void aPlainEndpointGivesTyrusTimerPoolNoTask() throws IOException {
        assertNoTimerTaskWhileEchoing("/plain");
    }

    private static void assertNoTimerTaskWhileEchoing(String path) throws IOException {
        long before = server.tyrusTimerTasks();
        try (RawClient client = new RawClient(server.port(), path)) {
            for (int i = 0; i < 50; i++) {
                client.sendText("message " + i);
                assertEquals("echo: message " + i, client.next().text());
            }
            client.sendClose(1000, "done");
            RawClient.Received close = client.next();
            assertTrue(close.isClose(), close.toString());
            assertTrue(client.endOfStream());
        }
        assertEquals(0, server.tyrusTimerTasks() - before, "tasks given to Tyrus's timer pool on " + path);
    }
}
