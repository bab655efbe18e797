package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.PerMessageDeflate;
import dev.wspair.testkit.RawClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** permessage-deflate on the embedded runtime: negotiated when the flag is on, and effective on the wire. */
class CompressionTest {

    static final String COMPRESSIBLE = "a".repeat(10_000);

    /** Sends a compressible message when asked. */
    @Route("/big")
    @ApplicationScoped
    public static class Big implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> server.send(COMPRESSIBLE));
            return Response.webSocket(pair.client());
        }
    }

    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    @Test
    void negotiatedAndTheBytesOnTheWireShrink() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Big.class)
                        .compatibility(Compatibility.of("2026-11-17")).start();
                RawClient client = new RawClient(server.port(), "/big", OFFER)) {
            assertTrue(client.handshakeHeaders.toLowerCase().contains("sec-websocket-extensions: permessage-deflate"),
                    client.handshakeHeaders);
            client.sendText("go");
            RawClient.Received frame = client.next();
            assertTrue(frame.compressed(), "RSV1 is set on a compressed message");
            assertTrue(frame.payload().length < COMPRESSIBLE.length() / 20,
                    "10,000 bytes went as " + frame.payload().length);
            assertEquals(COMPRESSIBLE, inflate(frame.payload()));
        }
    }

    @Test
    void notNegotiatedWithoutTheCompatibilityFlag() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Big.class)
                        .compatibility(Compatibility.of("2026-11-17", "no_web_socket_compression")).start();
                RawClient client = new RawClient(server.port(), "/big", OFFER)) {
            assertFalse(client.handshakeHeaders.toLowerCase().contains("sec-websocket-extensions"), client.handshakeHeaders);
            client.sendText("go");
            RawClient.Received frame = client.next();
            assertFalse(frame.compressed());
            assertEquals(COMPRESSIBLE.length(), frame.payload().length);
        }
    }

    @Test
    void theClientNegotiatesItAndTheApplicationSeesPlainText() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Big.class).start()) {
            WebSocket ws = new WebSocket(server.webSocketUri("/big").toString(), List.of());
            Recorder events = new Recorder("client", ws, () -> { }, Timeouts.EVENT);
            assertEquals("open", events.next().event().type());
            assertTrue(ws.extensions().startsWith("permessage-deflate"), ws.extensions());
            ws.send("go");
            events.expectText(COMPRESSIBLE, WebSocket.OPEN);
            ws.close(1000);
            events.expectClose(1000, "", true, WebSocket.CLOSED);
        }
    }

    private static String inflate(byte[] payload) throws Exception {
        return new String(new PerMessageDeflate().inflate(payload), StandardCharsets.UTF_8);
    }
}
