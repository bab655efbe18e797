package dev.wspair.bridge;

import dev.wspair.testkit.RawClient;
import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.CLOSING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
    void afterItsOwnCloseTheSocketStaysClosingReadsOnAndReportsThePeersAnswer() throws Exception {
        connect(AcceptOptions.DEFAULT);
        w.close(4002, "bye");
        RawClient.Received close = client.next();
        assertEquals(4002, close.code());
        assertEquals("bye", close.reason());
        assertEquals(CLOSING, w.readyState());
        client.sendText("late");
        events.expectText("late", CLOSING);
        client.sendClose(4003, "answer");
        events.expectClose(4003, "answer", true, CLOSED);
        assertEndWithoutAnotherFrame();
    }

    @Test
    void closeWithoutCodeSendsAnEmptyBodyAsWorkerd() throws Exception {
        connect(AcceptOptions.DEFAULT);
        w.close();
        RawClient.Received close = client.next();
        assertTrue(close.isClose(), close.toString());
        assertEquals(0, close.payload().length, "1005 goes out as a Close with an empty body");
        client.send(0x88, new byte[0]);
        // the answer's empty body reads as workerd's 1005
        events.expectClose(1005, "", true, CLOSED);
        assertEndWithoutAnotherFrame();
    }

    @Test
    void theAnswersCodeAndReasonAreReportedAsSent() throws Exception {
        connect(AcceptOptions.DEFAULT);
        w.close(4002, "bye");
        assertEquals(4002, client.next().code());
        client.sendClose(1000, "Normal closure.");
        events.expectClose(1000, "Normal closure.", true, CLOSED);
        assertEndWithoutAnotherFrame();
    }

    /** D21 in the answer: Tyrus refuses 2999; the socket fails, and no second Close follows ours. */
    @Test
    void anAnswerWithACodeTyrusRefusesFailsTheSocketWithoutASecondClose() throws Exception {
        connect(AcceptOptions.DEFAULT);
        w.close(4002, "bye");
        assertEquals(4002, client.next().code());
        client.sendClose(2999, "x");
        events.expectError("Uncaught Error: WebSocket protocol error; protocolError.statusCode = 1002; "
                + "protocolError.description = Illegal status code: 2999", CLOSED);
        assertEndWithoutAnotherFrame();
    }

    @Test
    void aPeerThatDropsTcpInsteadOfAnsweringOurCloseGives1006() throws Exception {
        connect(AcceptOptions.DEFAULT);
        w.close(4002, "bye");
        assertEquals(4002, client.next().code());
        client.reset();
        events.expectClose(1006, "WebSocket disconnected without sending Close frame.", false, CLOSING);
        RealWebSocket.of(w).readingEnded().toCompletableFuture().get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(CLOSED, w.readyState());
    }

    /** After the peer's answer to our Close, Tyrus closes the connection: no echo, no other frame. */
    private void assertEndWithoutAnotherFrame() throws IOException {
        try {
            RawClient.Received more = client.next();
            fail("after the peer's answer the server sent " + more);
        } catch (EOFException end) {
            // the TCP end, and nothing before it
        }
    }

    @Test
    void anEmptyCloseFromThePeerIsReportedAs1005AndEchoedEmptyAsWorkerd() throws Exception {
        connect(AcceptOptions.DEFAULT);
        client.send(0x88, new byte[0]);
        events.expectClose(1005, "", true, CLOSED);
        RawClient.Received echo = client.next();
        assertTrue(echo.isClose(), echo.toString());
        assertEquals(0, echo.payload().length, "the echo of an empty Close is empty");
        assertEndWithoutAnotherFrame();
    }

    @Test
    void aHalfOpenAnswerWithoutCodeIsAnEmptyBodyAsWorkerd() throws Exception {
        connect(AcceptOptions.allowHalfOpen(true));
        client.sendClose(4000, "x");
        events.expectClose(4000, "x", true, CLOSING);
        w.close();
        RawClient.Received close = client.next();
        assertTrue(close.isClose(), close.toString());
        assertEquals(0, close.payload().length, "1005 goes out as a Close with an empty body, not as Tyrus's 1000");
        assertEquals(CLOSED, w.readyState());
        assertEndWithoutAnotherFrame();
    }

    @Test
    void aHalfOpenAnswerToAnEmptyCloseCanCarryAnyCode() throws Exception {
        connect(AcceptOptions.allowHalfOpen(true));
        client.send(0x88, new byte[0]);
        events.expectClose(1005, "", true, CLOSING);
        w.close(4001, "done");
        RawClient.Received close = client.next();
        assertEquals(4001, close.code());
        assertEquals("done", close.reason());
        assertEndWithoutAnotherFrame();
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
