package dev.wspair.bridge;

import dev.wspair.testkit.RawClient;
import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.CLOSING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The closing handshake of the bridge on Tyrus (the embedded runtime; Payara runs the same Tyrus),
 * seen on the wire by a raw client: what matches workerd, and what the container forces (each such
 * test is a row of the README's "Differences from workerd").
 */
class ContainerDifferencesTest {

    private static final Compatibility TODAY = Compatibility.of("2026-11-17");
    private static BridgeHarness harness;
    private RawClient client;
    private WebSocket w;
    private Recorder events;

    @BeforeAll
    static void start() throws Exception {
        harness = new BridgeHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    private void connect(AcceptOptions options) throws Exception {
        client = harness.connectRaw(TODAY);
        assertEquals("HTTP/1.1 101 Switching Protocols", client.handshakeStatus);
        w = harness.nextServerEnd();
        events = new Recorder("W", w, () -> { }, Timeouts.EVENT);
        w.accept(options);
    }

    @AfterEach
    void nothingElse() throws Exception {
        events.assertExhausted();
        client.close();
    }

    @Test
    void halfOpenWorksOnTheWire() throws Exception {
        connect(AcceptOptions.allowHalfOpen(true));
        client.sendClose(4000, "x");
        events.expectClose(4000, "x", true, CLOSING);
        w.send("late");
        assertEquals("late", client.next().text(), "a half-open server still reaches the peer");
        w.close(4001, "done");
        RawClient.Received close = client.next();
        assertEquals(4001, close.code(), "the peer gets the application's Close, not an echo of its own");
        assertEquals("done", close.reason());
        assertEquals(CLOSED, w.readyState());
        assertTrue(client.endOfStream());
    }

    @Test
    void autoReplyEchoesTheSameCodeAndReason() throws Exception {
        connect(AcceptOptions.DEFAULT);
        client.sendClose(4000, "x");
        RawClient.Received echo = client.next();
        assertEquals(4000, echo.code());
        assertEquals("x", echo.reason());
        events.expectClose(4000, "x", true, CLOSED);
    }

    @Test
    void afterItsOwnCloseTheServerGetsItsOwnCodeBackAtOnce() throws Exception {
        connect(AcceptOptions.DEFAULT);
        w.close(4002, "bye");
        RawClient.Received close = client.next();
        assertEquals(4002, close.code());
        events.expectClose(4002, "bye", true, CLOSED);
        assertTrue(client.endOfStream(), "the container drops the connection without reading the answer");
    }

    @Test
    void closeWithoutCodeSends1000OnTyrus() throws Exception {
        connect(AcceptOptions.DEFAULT);
        w.close();
        RawClient.Received close = client.next();
        assertEquals(1000, close.code(), "workerd sends an empty body (1005); Tyrus cannot");
        events.expectClose(1005, "", true, CLOSED);
    }

    @Test
    void anEmptyCloseFromThePeerIsReportedAs1000OnTyrus() throws Exception {
        connect(AcceptOptions.DEFAULT);
        client.send(0x88, new byte[0]);
        events.expectClose(1000, "Normal closure.", true, CLOSED);
        assertEquals(1000, client.next().code());
    }

    @Test
    void aFailedSocketClosesWith1011() throws Exception {
        connect(AcceptOptions.DEFAULT);
        events.onEvent("message", event -> {
            throw new IllegalStateException("boom");
        });
        client.sendText("x");
        events.expectText("x", WebSocket.OPEN);
        events.expectError("Uncaught IllegalStateException: boom", CLOSED);
        RawClient.Received close = client.next();
        assertEquals(1011, close.code(), "workerd drops the TCP connection (1006 at the peer)");
    }

    @Test
    void aProtocolErrorGivesAnErrorEventWithWhatThePeerWasSent() throws Exception {
        connect(AcceptOptions.DEFAULT);
        client.send(0x80 | 0x20 | 0x1, new byte[] {'x'});
        RawClient.Received close = client.next();
        assertEquals(1002, close.code());
        events.expectError("Uncaught Error: WebSocket protocol error; protocolError.statusCode = 1002; "
                + "protocolError.description = " + close.reason(), CLOSED);
    }
}
