package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.testkit.RawClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Given an application with a {@code @RequestScoped} bean, a socket's listener runs in a request
 * context of its own for each message (and gets a new instance each time); given one with no
 * request-scoped bean at all, no request context is made for a delivery (activating one costs
 * about 0.5 µs and 1.5 KB of garbage per message, for nothing that could use it).
 */
class RequestContextTest {

    /** {@code /probe}: answers each message with what the listener saw of the request context. */
    @Route("/probe")
    @ApplicationScoped
    public static class Probe implements FetchHandler {
        @Inject
        BeanManager beans;

        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> server.send(requestContext()));
            return Response.webSocket(pair.client());
        }

        private String requestContext() {
            try {
                beans.getContext(RequestScoped.class);
            } catch (ContextNotActiveException e) {
                return "none";
            }
            return "active " + beans.createInstance().select(PerMessage.class).get().id();
        }
    }

    /** Only in the application of {@link #aRequestScopedBeanGetsARequestContextPerMessage()}. */
    @RequestScoped
    public static class PerMessage {
        private final String id = UUID.randomUUID().toString();

        public String id() {
            return id;
        }
    }

    @Test
    void aRequestScopedBeanGetsARequestContextPerMessage() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Probe.class, PerMessage.class).start();
                RawClient client = new RawClient(server.port(), "/probe")) {
            client.sendText("1");
            String first = client.next().text();
            client.sendText("2");
            String second = client.next().text();
            assertTrue(first.startsWith("active "), first);
            assertTrue(second.startsWith("active "), second);
            assertNotEquals(first, second, "one request-scoped instance per message");
        }
    }

    @Test
    void withNoRequestScopedBeanNoRequestContextIsMade() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Probe.class).start();
                RawClient client = new RawClient(server.port(), "/probe")) {
            client.sendText("1");
            assertEquals("none", client.next().text());
        }
    }
}
