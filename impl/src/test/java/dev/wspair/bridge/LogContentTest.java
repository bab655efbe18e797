package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages, even those that end a connection, never reach the logs at INFO or above. */
class LogContentTest {

    private static final String SECRET = "card 4111-1111-1111-1111";
    private static final int LIMIT = 1024;
    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    text.append(" | ").append(t);
                }
                LOGGED.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static BridgeHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = BridgeHarness.withSetting("wspair.maxMessageSize", Integer.toString(LIMIT));
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() throws Exception {
        Logger.getLogger("").removeHandler(CAPTURE);
        harness.close();
    }

    @Test
    void noMessageContentIsLoggedWhateverHappensToTheConnection() throws Exception {
        try (RawClient client = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            client.sendText(SECRET);
            events.expectText(SECRET, WebSocket.OPEN);
            client.sendText(SECRET + "x".repeat(LIMIT));
            events.next();
            assertEquals(1009, client.next().code());
        }
        try (RawClient client = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.addEventListener("message", event -> {
                throw new IllegalArgumentException("the listener refused a message");
            });
            w.accept();
            client.sendText(SECRET);
            events.expectText(SECRET, WebSocket.OPEN);
            events.next();
            assertEquals(1011, client.next().code());
        }
        try (RawClient client = harness.connectRaw(Compatibility.of("2026-11-17"))) {
            WebSocket w = harness.nextServerEnd();
            Recorder events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
            w.accept();
            byte[] invalid = (SECRET + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
            client.send(0x81, invalid);
            events.next();
            assertEquals(1007, client.next().code());
        }
        harness.settle();
        assertTrue(LOGGED.stream().anyMatch(line -> line.contains("the listener refused a message")),
                "the capture works: the listener's failure is logged " + LOGGED);
        assertTrue(LOGGED.stream().noneMatch(line -> line.contains("4111")), "logged: " + LOGGED);
    }
}
