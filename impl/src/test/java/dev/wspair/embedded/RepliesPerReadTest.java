package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.testkit.RawClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given the embedded runtime, when a client sends several messages in one TCP write, then the
 * echoes its handler sends come back in one write (the client reads them all at once), in order,
 * text and binary;
 * and when the same write also carries the client's Close, a message over the limit, or a Close
 * a half-open socket answers itself, the echoes come first and the end follows at once. With
 * {@code wspair.embedded.repliesPerRead=false} every echo still comes back in order.
 */
class RepliesPerReadTest {

    /** {@code /half-open}: echoes text; answers the peer's Close itself with 4000 "answered". */
    @Route("/half-open")
    @ApplicationScoped
    public static class HalfOpen implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept(AcceptOptions.allowHalfOpen(true));
            server.addEventListener(EventType.MESSAGE, event -> server.send(event.text()));
            server.addEventListener(EventType.CLOSE, event -> server.close(4000, "answered"));
            return Response.webSocket(pair.client());
        }
    }

    private static final int LIMIT = 1_000;
    private static EmbeddedServer server;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedServer.builder().beanClasses(UnmaskingTest.Mirror.class, HalfOpen.class)
                .compatibility(Compatibility.of("2026-11-17")).setting("wspair.maxMessageSize", Integer.toString(LIMIT))
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sixteenMessagesInOneWriteComeBackInOneRead() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sent.add("1:message " + i);
        }
        try (RawClient client = new RawClient(server.port(), "/mirror")) {
            assertEchoedInOneRead(client, sent);
            closeCleanly(client, 1000);
        }
    }

    @Test
    void textAndBinaryMessagesInOneWriteComeBackInOneReadAsSent() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // binary of 0, 125, 126 (a 16-bit length) and 300 bytes between texts
            sent.add(i % 2 == 0 ? "2:" + "b".repeat(new int[] {0, 125, 126, 300}[i / 2 % 4]) : "1:text " + i);
        }
        try (RawClient client = new RawClient(server.port(), "/mirror")) {
            assertEchoedInOneRead(client, sent);
            closeCleanly(client, 1000);
        }
    }

    /**
     * Three times: one message and its echo, then {@code messages} ("opcode:payload") in one write.
     * Each time every echo comes back as sent, in order; at least twice all of them in the client's
     * first read. (Once may miss: a message that meets the socket's previous delivery still
     * finishing on the executor, its thread preempted after the echo, is delivered there, outside
     * the read, and its echoes are written one by one.)
     */
    private static void assertEchoedInOneRead(RawClient client, List<String> messages) throws IOException {
        int inOneRead = 0;
        for (int round = 0; round < 3; round++) {
            client.sendText("settle " + round);
            assertEquals("settle " + round, client.next().text());
            ByteArrayOutputStream write = new ByteArrayOutputStream();
            for (String message : messages) {
                String[] parts = message.split(":", 2);
                write.writeBytes(RawClient.frame(0x80 | Integer.parseInt(parts[0]), parts[1].getBytes(StandardCharsets.UTF_8)));
            }
            client.sendRaw(write.toByteArray());
            List<String> echoed = new ArrayList<>(described(client.readOnce()));
            inOneRead += echoed.size() == messages.size() ? 1 : 0;
            while (echoed.size() < messages.size()) {
                echoed.add(described(List.of(client.next())).get(0));
            }
            assertEquals(messages, echoed, "round " + round);
        }
        assertTrue(inOneRead >= 2, "rounds whose echoes came in the client's first read: " + inOneRead + " of 3");
    }

    private static List<String> described(List<RawClient.Received> frames) {
        return frames.stream().map(frame -> frame.opcode() + ":" + new String(frame.payload(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void binaryMessagesOver64KiBInOneWriteComeBackWhole() throws Exception {
        try (EmbeddedServer large = EmbeddedServer.builder().beanClasses(UnmaskingTest.Mirror.class).start();
                RawClient client = new RawClient(large.port(), "/mirror")) {
            client.sendText("settle");
            assertEquals("settle", client.next().text());
            ByteArrayOutputStream write = new ByteArrayOutputStream();
            List<byte[]> sent = new ArrayList<>();
            for (int length : new int[] {70_000, 3, 65_536}) {
                byte[] payload = new byte[length];
                new Random(length).nextBytes(payload);
                sent.add(payload);
                write.writeBytes(RawClient.frame(0x82, payload));
            }
            client.sendRaw(write.toByteArray());
            for (byte[] payload : sent) {
                RawClient.Received echo = client.next();
                assertEquals(2, echo.opcode(), echo.toString());
                assertArrayEquals(payload, echo.payload());
            }
            closeCleanly(client, 1000);
        }
    }

    @Test
    void withTheSettingOffEveryEchoStillComesBackInOrder() throws Exception {
        try (EmbeddedServer off = EmbeddedServer.builder().beanClasses(UnmaskingTest.Mirror.class)
                .setting(EmbeddedServer.REPLIES_PER_READ, "false").start();
                RawClient client = new RawClient(off.port(), "/mirror")) {
            List<String> sent = settledThenSent(client, 0, 16, new ByteArrayOutputStream());
            List<String> echoed = new ArrayList<>();
            while (echoed.size() < sent.size()) {
                echoed.add(client.next().text());
            }
            assertEquals(sent, echoed);
            closeCleanly(client, 1000);
        }
    }

    @Test
    void echoesComeBeforeTheAnswerToACloseInTheSameWrite() throws Exception {
        try (RawClient client = new RawClient(server.port(), "/mirror")) {
            ByteArrayOutputStream write = new ByteArrayOutputStream();
            List<String> sent = settledThenSent(client, 0, 5, write, RawClient.close(1000, "done"));
            assertEquals(sent, texts(next(client, sent.size())));
            RawClient.Received answer = client.next();
            assertTrue(answer.isClose(), answer.toString());
            assertEquals(1000, answer.code());
            assertTrue(client.endOfStream());
        }
    }

    @Test
    void aHalfOpenSocketsOwnAnswerFollowsItsEchoesAtOnce() throws Exception {
        // were the answer held for the end of the read, Tyrus's reader, which waits for it, would
        // give up only after wspair.halfOpenTimeout (60 s): the client's 10 s read would fail
        try (RawClient client = new RawClient(server.port(), "/half-open")) {
            List<String> sent = settledThenSent(client, 0, 5, new ByteArrayOutputStream(), RawClient.close(1000, "done"));
            assertEquals(sent, texts(next(client, sent.size())));
            RawClient.Received answer = client.next();
            assertEquals(4000, answer.code(), answer.toString());
            assertEquals("answered", answer.reason());
            assertTrue(client.endOfStream());
        }
    }

    @Test
    void echoesComeBeforeTheCloseForAMessageOverTheLimit() throws Exception {
        try (RawClient client = new RawClient(server.port(), "/mirror")) {
            byte[] tooLarge = RawClient.frame(0x81, "x".repeat(LIMIT + 1).getBytes(StandardCharsets.UTF_8));
            List<String> sent = settledThenSent(client, 0, 5, new ByteArrayOutputStream(), tooLarge);
            assertEquals(sent, texts(next(client, sent.size())));
            RawClient.Received close = client.next();
            assertEquals(1009, close.code(), close.toString());
        }
    }

    /**
     * One message and its echo first (the socket's deliveries then run on the reader), then {@code
     * count} messages and {@code after} in one write.
     *
     * @return the texts of the messages
     */
    private static List<String> settledThenSent(RawClient client, int round, int count, ByteArrayOutputStream write,
            byte[]... after) throws IOException {
        client.sendText("settle " + round);
        assertEquals("settle " + round, client.next().text());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "message " + round + "." + i;
            sent.add(text);
            write.writeBytes(RawClient.frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
        }
        for (byte[] frame : after) {
            write.writeBytes(frame);
        }
        client.sendRaw(write.toByteArray());
        return sent;
    }

    private static List<RawClient.Received> next(RawClient client, int count) throws IOException {
        List<RawClient.Received> frames = new ArrayList<>();
        while (frames.size() < count) {
            frames.add(client.next());
        }
        return frames;
    }

    private static List<String> texts(List<RawClient.Received> frames) {
        return frames.stream().map(RawClient.Received::text).toList();
    }

    private static void closeCleanly(RawClient client, int code) throws IOException {
        client.sendClose(code, "done");
        RawClient.Received answer = client.next();
        assertEquals(code, answer.code(), answer.toString());
        assertTrue(client.endOfStream());
    }
}
