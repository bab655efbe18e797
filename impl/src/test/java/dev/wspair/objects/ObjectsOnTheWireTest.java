package dev.wspair.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.DurableObjectState;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.testkit.RawClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * What a raw client sees of a hibernatable socket on the embedded runtime: no Close answered by
 * the runtime itself (OBJECTS-OBSERVED.md, "The client closes"), and a protocol error that reaches
 * {@code webSocketError} at readyState CLOSING without a {@code webSocketClose}.
 */
class ObjectsOnTheWireTest {

    /** One per test run: the test starts one server and reads the log after each step. */
    static final BlockingQueue<String> LOG = new LinkedBlockingQueue<>();

    public static class Quiet implements DurableObject {
        private final DurableObjectState ctx;

        public Quiet(DurableObjectState ctx) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
            LOG.add("close " + code + " " + reason + " " + wasClean + " rs" + ws.readyState());
            ws.send("late");
        }

        @Override
        public void webSocketError(WebSocket ws, Throwable error) {
            LOG.add("error " + error.getMessage() + " rs" + ws.readyState() + " listed="
                    + ctx.getWebSockets().contains(ws));
        }
    }

    @Route("/quiet/{name}")
    @ApplicationScoped
    public static class QuietRoute implements FetchHandler {
        @Inject
        DurableObjectNamespace<Quiet> objects;

        @Override
        public Response fetch(Request request) throws Exception {
            return objects.getByName(request.pathParam("name")).fetch(request);
        }
    }

    @Test
    void aClientCloseIsNotAnsweredAndAProtocolErrorGoesToWebSocketError() throws Exception {
        LOG.clear();
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(QuietRoute.class).start();
                RawClient closing = new RawClient(server.port(), "/quiet/q");
                RawClient broken = new RawClient(server.port(), "/quiet/q")) {
            closing.sendClose(4001, "bye");
            assertEquals("close 4001 bye true rs2", logged());
            RawClient.Received first = closing.next();
            assertEquals("late", first.text(), "the handler's message comes first: no Close went out before it");

            broken.send(0x80 | 0x3, new byte[0]);
            RawClient.Received close = broken.next();
            assertEquals(1002, close.code());
            assertEquals("error WebSocket protocol error; protocolError.statusCode = 1002; protocolError.description = "
                    + close.reason() + " rs2 listed=true", logged());
            assertTrue(LOG.isEmpty(), "no webSocketClose after the error: " + LOG);
        }
    }

    private static String logged() throws InterruptedException {
        return ObjectHarness.next(LOG, "the object logged nothing");
    }
}
