package dev.wspair.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.wspair.testkit.JdkClient;
import dev.wspair.testkit.PerMessageDeflate;
import dev.wspair.testkit.RawClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broadcast from a Durable Object on the embedded runtime, where a text message is framed once and
 * the same bytes go to every socket without extensions (Tyrus's writer, below JSR-356): the bytes are
 * those Tyrus's own {@code sendText} writes, frames keep their order with the binary and per-socket
 * messages that take the normal path, a socket with permessage-deflate gets its own compressed
 * frames, and a socket closed during the broadcast gets what was sent before its Close and nothing
 * after it.
 */
class BroadcastOnTheWireTest {

    /** Texts whose frames have each length form: 7-bit, 16-bit and 64-bit, and multi-byte UTF-8. */
    static final List<String> SAMPLES = List.of("", "a", "x".repeat(125), "y".repeat(126), "z".repeat(65_535),
            "w".repeat(65_536), "héllo € 𝄞");

    /**
     * Text commands: {@code sample N} sends sample N to every socket; {@code mix N} sends, N times,
     * a shared text, a binary and a text of each socket's own to every socket; {@code close-victim
     * N} sends N shared texts to every socket and closes the socket tagged "victim" (4000 "bye")
     * half-way, skipping it afterwards; {@code seq N} sends itself to every socket.
     */
    public static class Broadcaster implements DurableObject {
        private final DurableObjectState ctx;

        public Broadcaster(DurableObjectState ctx) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            String tag = request.header("x-tag");
            ctx.acceptWebSocket(pair.server(), tag == null ? List.of() : List.of(tag));
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, String message) {
            String[] command = message.split(" ");
            int n = Integer.parseInt(command[1]);
            List<WebSocket> all = ctx.getWebSockets();
            switch (command[0]) {
                case "sample" -> all.forEach(socket -> socket.send(SAMPLES.get(n)));
                case "seq" -> all.forEach(socket -> socket.send(message));
                case "mix" -> {
                    for (int i = 0; i < n; i++) {
                        String shared = "shared " + i;
                        for (int k = 0; k < all.size(); k++) {
                            WebSocket socket = all.get(k);
                            socket.send(shared);
                            socket.send(ByteBuffer.wrap(new byte[] {(byte) i}));
                            socket.send("own " + ctx.getTags(socket) + " " + i);
                        }
                    }
                }
                case "close-victim" -> {
                    List<WebSocket> victims = ctx.getWebSockets("victim");
                    for (int i = 0; i < n; i++) {
                        if (i == n / 2) {
                            victims.forEach(v -> v.close(4000, "bye"));
                        }
                        String shared = "m" + i;
                        for (WebSocket socket : all) {
                            if (i < n / 2 || !victims.contains(socket)) {
                                sendQuietly(socket, shared);
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException(message);
            }
        }

        /** As a chat does: a socket whose connection is gone must not stop the others' messages. */
        private static void sendQuietly(WebSocket socket, String text) {
            try {
                socket.send(text);
            } catch (RuntimeException e) {
                // the socket closed meanwhile
            }
        }
    }

    @Route("/broadcast/{name}")
    @ApplicationScoped
    public static class BroadcastRoute implements FetchHandler {
        @Inject
        DurableObjectNamespace<Broadcaster> objects;

        @Override
        public Response fetch(Request request) throws Exception {
            return objects.getByName(request.pathParam("name")).fetch(request);
        }
    }

    /** A plain JSR-356 endpoint: {@code sample N} is answered with sample N by Tyrus's own sendText. */
    public static class TyrusSamples extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    session.getAsyncRemote().sendText(SAMPLES.get(Integer.parseInt(text.split(" ")[1]))));
        }
    }

    private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    private static EmbeddedServer start() throws Exception {
        return EmbeddedServer.builder().beanClasses(BroadcastRoute.class)
                .endpoints(ServerEndpointConfig.Builder.create(TyrusSamples.class, "/tyrus-samples").build()).start();
    }

    @Test
    void theSharedFrameHasTheBytesOfTyrusOwnSendText() throws Exception {
        try (EmbeddedServer server = start();
                RawClient object = new RawClient(server.port(), "/broadcast/samples");
                RawClient other = new RawClient(server.port(), "/broadcast/samples");
                RawClient tyrus = new RawClient(server.port(), "/tyrus-samples")) {
            for (int i = 0; i < SAMPLES.size(); i++) {
                object.sendText("sample " + i);
                tyrus.sendText("sample " + i);
                RawClient.Received expected = tyrus.next();
                RawClient.Received fromObject = object.next();
                RawClient.Received toOther = other.next();
                assertEquals(0x81, expected.first(), "Tyrus: one final text frame");
                assertEquals(expected.first(), fromObject.first(), "sample " + i);
                assertArrayEquals(expected.payload(), fromObject.payload(), "sample " + i);
                assertEquals(expected.first(), toOther.first(), "sample " + i);
                assertArrayEquals(expected.payload(), toOther.payload(), "sample " + i);
            }
        }
    }

    @Test
    void everySocketGetsEveryFrameInOrderWhateverItsCompression() throws Exception {
        int rounds = 200;
        try (EmbeddedServer server = start();
                RawClient plain = new RawClient(server.port(), "/broadcast/mix", "x-tag: plain\r\n");
                RawClient deflate = new RawClient(server.port(), "/broadcast/mix", DEFLATE + "x-tag: deflate\r\n");
                RawClient sender = new RawClient(server.port(), "/broadcast/mix", "x-tag: sender\r\n")) {
            JdkClient jdk = new JdkClient(server.webSocketUri("/broadcast/mix"));
            assertTrue(deflate.handshakeHeaders.toLowerCase().contains("permessage-deflate"), deflate.handshakeHeaders);
            assertFalse(plain.handshakeHeaders.toLowerCase().contains("permessage-deflate"), plain.handshakeHeaders);
            sender.sendText("mix " + rounds);
            PerMessageDeflate inflater = new PerMessageDeflate();
            for (int i = 0; i < rounds; i++) {
                for (RawClient client : List.of(plain, sender)) {
                    String tag = client == plain ? "plain" : "sender";
                    assertText("shared " + i, client.next(), i);
                    RawClient.Received binary = client.next();
                    assertEquals(0x82, binary.first());
                    assertArrayEquals(new byte[] {(byte) i}, binary.payload());
                    assertText("own [" + tag + "] " + i, client.next(), i);
                }
                RawClient.Received compressed = deflate.next();
                assertTrue(compressed.compressed(), "the deflate socket's text is compressed (normal path)");
                assertEquals("shared " + i, new String(inflater.inflate(compressed.payload()), StandardCharsets.UTF_8));
                RawClient.Received binary = deflate.next();
                assertArrayEquals(new byte[] {(byte) i}, binary.compressed() ? inflater.inflate(binary.payload()) : binary.payload());
                RawClient.Received own = deflate.next();
                assertEquals("own [deflate] " + i, new String(own.compressed() ? inflater.inflate(own.payload()) : own.payload(),
                        StandardCharsets.UTF_8));
                assertEquals("shared " + i, jdk.next());
                assertEquals("own [] " + i, jdk.next(), "the JDK client counts binaries apart: texts in order");
            }
            jdk.socket.abort();
        }
    }

    @Test
    void messagesOfManyQueuedTurnsArriveInOrder() throws Exception {
        int messages = 500;
        try (EmbeddedServer server = start();
                RawClient plain = new RawClient(server.port(), "/broadcast/seq");
                RawClient deflate = new RawClient(server.port(), "/broadcast/seq", DEFLATE);
                RawClient sender = new RawClient(server.port(), "/broadcast/seq")) {
            for (int i = 0; i < messages; i++) {
                sender.sendText("seq " + i);
            }
            PerMessageDeflate inflater = new PerMessageDeflate();
            for (int i = 0; i < messages; i++) {
                assertText("seq " + i, plain.next(), i);
                assertText("seq " + i, sender.next(), i);
                assertEquals("seq " + i, new String(inflater.inflate(deflate.next().payload()), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aSocketClosedDuringTheBroadcastGetsWhatCameBeforeItsCloseAndNothingAfter() throws Exception {
        int messages = 100;
        try (EmbeddedServer server = start();
                RawClient victim = new RawClient(server.port(), "/broadcast/close", "x-tag: victim\r\n");
                RawClient deflateVictim = new RawClient(server.port(), "/broadcast/close", DEFLATE + "x-tag: victim\r\n");
                RawClient stays = new RawClient(server.port(), "/broadcast/close")) {
            stays.sendText("close-victim " + messages);
            for (int i = 0; i < messages / 2; i++) {
                assertText("m" + i, victim.next(), i);
            }
            RawClient.Received close = victim.next();
            assertTrue(close.isClose(), "then the Close: " + close);
            assertEquals(4000, close.code());
            assertEquals("bye", close.reason());
            PerMessageDeflate inflater = new PerMessageDeflate();
            for (int i = 0; i < messages / 2; i++) {
                RawClient.Received received = deflateVictim.next();
                assertEquals("m" + i, new String(inflater.inflate(received.payload()), StandardCharsets.UTF_8));
            }
            assertEquals(4000, deflateVictim.next().code());
            for (int i = 0; i < messages; i++) {
                assertText("m" + i, stays.next(), i);
            }
            victim.sendClose(4000, "bye");
            deflateVictim.sendClose(4000, "bye");
            assertTrue(victim.endOfStream(), "nothing after the Close, and the connection ends");
            assertTrue(deflateVictim.endOfStream(), "nothing after the Close, and the connection ends");
        }
    }

    @Test
    void aSocketWhoseConnectionIsGoneDoesNotStopTheBroadcast() throws Exception {
        int messages = 300;
        try (EmbeddedServer server = start();
                RawClient stays = new RawClient(server.port(), "/broadcast/gone")) {
            List<RawClient> gone = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                gone.add(new RawClient(server.port(), "/broadcast/gone"));
            }
            stays.sendText("sample 1");
            assertText("a", stays.next(), 0);
            for (RawClient client : gone) {
                assertText("a", client.next(), 0);
                client.close();
            }
            stays.sendText("close-victim " + messages);
            for (int i = 0; i < messages; i++) {
                assertText("m" + i, stays.next(), i);
            }
        }
    }

    private static void assertText(String expected, RawClient.Received frame, int round) {
        assertEquals(0x81, frame.first(), "round " + round + ": " + frame);
        assertEquals(expected, frame.text(), "round " + round);
    }
}
