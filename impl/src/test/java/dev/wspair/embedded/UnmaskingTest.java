package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testkit.PerMessageDeflate;
import dev.wspair.testkit.RawClient;
import dev.wspair.testkit.TestCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given the embedded runtime, whose filter unmasks the client's frames before Tyrus reads them,
 * when a client sends masked frames cut into TCP writes anywhere (one byte, a header in pieces, a
 * 64-bit length), fragmented messages with pings between the fragments, compressed messages, or
 * its first frame in the same write as the handshake, then every message comes back as sent, and
 * the filter did unmask the frames (except on the connection that sent before the 101).
 */
class UnmaskingTest {

    private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

    /** {@code /mirror}: sends each message back as it came, text as text and binary as binary. */
    @Route("/mirror")
    @ApplicationScoped
    public static class Mirror implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> {
                if (event.isText()) {
                    server.send(event.text());
                } else {
                    server.send(event.bytes());
                }
            });
            return Response.webSocket(pair.client());
        }
    }

    private static EmbeddedServer server;
    private final Random random = new Random();

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedServer.builder().beanClasses(Mirror.class).compatibility(Compatibility.of("2026-11-17")).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFrameCutAtEveryByteComesBackWhole() throws Exception {
        byte[] text = "x".repeat(130).getBytes(StandardCharsets.UTF_8);
        byte[] frame = RawClient.frame(0x81, text);
        long before = server.unmaskedFrames();
        try (RawClient client = new RawClient(server.port(), "/mirror")) {
            for (int cut = 1; cut < frame.length; cut++) {
                client.sendRaw(Arrays.copyOfRange(frame, 0, cut));
                client.sendRaw(Arrays.copyOfRange(frame, cut, frame.length));
                RawClient.Received echo = client.next();
                assertEquals(1, echo.opcode());
                assertArrayEquals(text, echo.payload(), "cut at " + cut);
            }
            closeCleanly(client);
        }
        assertTrue(server.unmaskedFrames() - before >= frame.length, "unmasked " + (server.unmaskedFrames() - before));
    }

    @Test
    void fragmentsPingsAndLongFramesInRandomWritesComeBackAsSent() throws Exception {
        long before = server.unmaskedFrames();
        try (RawClient client = new RawClient(server.port(), "/mirror")) {
            for (int round = 0; round < 5; round++) {
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                List<byte[]> messages = new ArrayList<>();
                List<byte[]> pings = new ArrayList<>();
                // a text message in three fragments, a Ping between each
                byte[] text = "fragmented ".repeat(20).getBytes(StandardCharsets.UTF_8);
                stream.writeBytes(RawClient.frame(0x01, Arrays.copyOfRange(text, 0, 50)));
                stream.writeBytes(RawClient.frame(0x89, ping(pings, round * 2)));
                stream.writeBytes(RawClient.frame(0x00, Arrays.copyOfRange(text, 50, 126)));
                stream.writeBytes(RawClient.frame(0x89, ping(pings, round * 2 + 1)));
                stream.writeBytes(RawClient.frame(0x80, Arrays.copyOfRange(text, 126, text.length)));
                messages.add(text);
                // 126 bytes (the first 16-bit length), 65,536 and more (64-bit lengths), an empty one
                for (int length : new int[] {126, 65_536, 65_536 + 1 + random.nextInt(100_000), 0, 7}) {
                    byte[] binary = new byte[length];
                    random.nextBytes(binary);
                    stream.writeBytes(RawClient.frame(0x82, binary));
                    messages.add(binary);
                }
                writeInRandomPieces(client, stream.toByteArray());

                List<byte[]> pongs = new ArrayList<>();
                for (byte[] expected : messages) {
                    RawClient.Received reply = client.next();
                    while (reply.opcode() == 0xA) {
                        pongs.add(reply.payload());
                        reply = client.next();
                    }
                    assertArrayEquals(expected, reply.payload());
                }
                while (pongs.size() < pings.size()) {
                    RawClient.Received reply = client.next();
                    assertEquals(0xA, reply.opcode(), reply.toString());
                    pongs.add(reply.payload());
                }
                for (int i = 0; i < pings.size(); i++) {
                    assertArrayEquals(pings.get(i), pongs.get(i), "pong " + i);
                }
            }
            closeCleanly(client);
        }
        assertTrue(server.unmaskedFrames() - before >= 5 * 10, "unmasked " + (server.unmaskedFrames() - before));
    }

    @Test
    void compressedMessagesKeepTheirRsvBitAndComeBackAsSent() throws Exception {
        long before = server.unmaskedFrames();
        try (RawClient client = new RawClient(SocketFactory.getDefault(), server.port(), "/mirror", DEFLATE, new byte[0])) {
            assertTrue(client.handshakeHeaders.toLowerCase().contains("sec-websocket-extensions: permessage-deflate"),
                    client.handshakeHeaders);
            PerMessageDeflate inflater = new PerMessageDeflate();
            for (int i = 0; i < 20; i++) {
                String text = ("compressed message " + i + " ").repeat(1 + random.nextInt(2_000));
                writeInRandomPieces(client, RawClient.frame(0xC1, deflate(text.getBytes(StandardCharsets.UTF_8))));
                RawClient.Received echo = client.next();
                assertEquals(1, echo.opcode(), echo.toString());
                byte[] payload = echo.compressed() ? inflater.inflate(echo.payload()) : echo.payload();
                assertEquals(text, new String(payload, StandardCharsets.UTF_8));
            }
            closeCleanly(client);
        }
        assertTrue(server.unmaskedFrames() - before >= 20, "unmasked " + (server.unmaskedFrames() - before));
    }

    /**
     * Tyrus 2.1.6 drops what came in the same read as the handshake request (its filter handles
     * the handshake and stops there); the connection goes on from the next read. With the filter,
     * that connection is left to Tyrus alone and behaves the same as without it.
     */
    @Test
    void aFrameInTheSameWriteAsTheHandshakeIsLeftToTyrus() throws Exception {
        try (EmbeddedServer tyrusAlone = EmbeddedServer.builder().beanClasses(Mirror.class)
                .setting(EmbeddedServer.FAST_UNMASK, "false").start()) {
            for (EmbeddedServer each : List.of(server, tyrusAlone)) {
                long before = each.unmaskedFrames();
                byte[] early = RawClient.frame(0x81, "before the 101".getBytes(StandardCharsets.UTF_8));
                try (RawClient client = new RawClient(SocketFactory.getDefault(), each.port(), "/mirror", "", early)) {
                    assertEquals("HTTP/1.1 101 Switching Protocols", client.handshakeStatus);
                    client.sendText("after the 101");
                    String first = client.next().text();
                    // only if the server read the frame apart from the request did it reach Tyrus
                    boolean apart = first.equals("before the 101");
                    assertEquals("after the 101", apart ? client.next().text() : first);
                    closeCleanly(client);
                    if (!apart) {
                        assertEquals(before, each.unmaskedFrames(), "that connection is Tyrus's alone");
                    }
                }
            }
        }
    }

    @Test
    void overTlsTheFilterSeesPlaintextFrames() throws Exception {
        TestCertificate certificate = TestCertificate.create(Path.of("target", "tls"), "unmasking-test");
        try (EmbeddedServer secure = EmbeddedServer.builder().beanClasses(Mirror.class)
                        .tls(certificate.keystore(), certificate.password()).start();
                RawClient client = new RawClient(certificate.trustingClientContext().getSocketFactory(), secure.port(),
                        "/mirror", "", new byte[0])) {
            for (int length : new int[] {5, 126, 70_000}) {
                byte[] binary = new byte[length];
                random.nextBytes(binary);
                writeInRandomPieces(client, RawClient.frame(0x82, binary));
                assertArrayEquals(binary, client.next().payload());
            }
            closeCleanly(client);
            assertEquals(4, secure.unmaskedFrames(), "three messages and the Close");
        }
    }

    @Test
    void turnedOffTyrusUnmasksAlone() throws Exception {
        try (EmbeddedServer plain = EmbeddedServer.builder().beanClasses(Mirror.class)
                        .setting(EmbeddedServer.FAST_UNMASK, "false").start();
                RawClient client = new RawClient(plain.port(), "/mirror")) {
            byte[] binary = new byte[70_000];
            random.nextBytes(binary);
            writeInRandomPieces(client, RawClient.frame(0x82, binary));
            assertArrayEquals(binary, client.next().payload());
            closeCleanly(client);
            assertEquals(0, plain.unmaskedFrames());
        }
    }

    /** Sends a Close and expects its echo, then the end of the stream: the connection ended as Tyrus ends it. */
    private static void closeCleanly(RawClient client) throws IOException {
        client.sendClose(1000, "done");
        RawClient.Received close = client.next();
        assertTrue(close.isClose(), close.toString());
        assertEquals(1000, close.code());
        assertTrue(client.endOfStream());
    }

    private byte[] ping(List<byte[]> pings, int n) {
        byte[] payload = ("ping " + n).getBytes(StandardCharsets.UTF_8);
        pings.add(payload);
        return payload;
    }

    /** {@code bytes} in TCP writes of random sizes, from one byte to a few thousand. */
    private void writeInRandomPieces(RawClient client, byte[] bytes) throws IOException {
        for (int at = 0; at < bytes.length; ) {
            int size = Math.min(bytes.length - at, random.nextInt(4) == 0 ? 1 + random.nextInt(14) : 1 + random.nextInt(5_000));
            client.sendRaw(Arrays.copyOfRange(bytes, at, at + size));
            at += size;
        }
    }

    /** One message's payload under permessage-deflate: raw DEFLATE, flushed, without its trailing 00 00 ff ff. */
    private static byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n; (n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0; ) {
            out.write(buffer, 0, n);
        }
        deflater.end();
        byte[] flushed = out.toByteArray();
        return Arrays.copyOf(flushed, flushed.length - 4);
    }
}
