package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.InvalidAccessException;
import dev.wspair.SyntaxException;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reachable state of a socket against every call an application can make. A cell holds the
 * readyState after the call (the call returned normally) or the name of the exception workerd
 * throws. The socket under test is the server end of a pair; its peer drives it into each state.
 */
class StateMachineTableTest {

    private static final String TABLE = """
            state             | accept()  | accept(half) | send(text)  | send(bytes) | close()     | close(1000,r) | close(999) | close(null,r) | close(1000,long) | return in 101
            AWAITING          | 1         | 1            | MUST_ACCEPT | MUST_ACCEPT | MUST_ACCEPT | MUST_ACCEPT   | BAD_CODE   | NO_CODE       | TOO_LONG         | 1
            OPEN              | 1         | 1            | 1           | 1           | 2           | 2             | BAD_CODE   | NO_CODE       | TOO_LONG         | ACCEPTED
            CLOSING_SENT      | 2         | 2            | AFTER_CLOSE | AFTER_CLOSE | 2           | 2             | BAD_CODE   | NO_CODE       | TOO_LONG         | ACCEPTED
            HALF_RECEIVED     | 2         | 2            | 2           | 2           | 3           | 3             | BAD_CODE   | NO_CODE       | TOO_LONG         | ACCEPTED
            CLOSED            | RELEASED  | RELEASED     | AFTER_CLOSE | AFTER_CLOSE | 3           | 3             | BAD_CODE   | NO_CODE       | TOO_LONG         | USED
            LOST              | RELEASED  | RELEASED     | 2           | 2           | 2           | 2             | BAD_CODE   | NO_CODE       | TOO_LONG         | USED
            LOST_AFTER_CLOSE  | RELEASED  | RELEASED     | AFTER_CLOSE | AFTER_CLOSE | 3           | 3             | BAD_CODE   | NO_CODE       | TOO_LONG         | USED
            FAILED            | RELEASED  | RELEASED     | 3           | 3           | 3           | 3             | BAD_CODE   | NO_CODE       | TOO_LONG         | USED
            RETURNED          | RELEASED  | RELEASED     | 1           | 1           | 1           | 1             | BAD_CODE   | NO_CODE       | TOO_LONG         | USED
            """;

    /** What each exception name in the table stands for. */
    private static final Map<String, Expected> ERRORS = Map.of(
            "MUST_ACCEPT", new Expected(IllegalStateException.class, "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages."),
            "AFTER_CLOSE", new Expected(IllegalStateException.class, "Can't call WebSocket send() after close()."),
            "RELEASED", new Expected(IllegalStateException.class, "Can't accept() WebSocket that was already used in a response."),
            "BAD_CODE", new Expected(InvalidAccessException.class, "Invalid WebSocket close code: 999."),
            "NO_CODE", new Expected(InvalidAccessException.class, "If you specify a WebSocket close reason, you must also specify a code."),
            "TOO_LONG", new Expected(SyntaxException.class, "WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded."),
            "ACCEPTED", new Expected(IllegalStateException.class, "Can't return WebSocket in a Response after calling accept()."),
            "USED", new Expected(IllegalStateException.class, "Can't return WebSocket that was already used in a response."));

    private record Expected(Class<? extends Throwable> type, String message) {
    }

    /** The calls of the table's columns, in order. */
    private static final List<Consumer<WebSocket>> CALLS = List.of(
            ws -> ws.accept(),
            ws -> ws.accept(AcceptOptions.allowHalfOpen(true)),
            ws -> ws.send("x"),
            ws -> ws.send(new byte[] {1}),
            ws -> ws.close(),
            ws -> ws.close(1000, "r"),
            ws -> ws.close(999),
            ws -> ws.close(null, "r"),
            ws -> ws.close(1000, "a".repeat(124)),
            ws -> RealWebSocket.of(ws).coupleTo(new SinkTransport()));

    static Stream<Arguments> cells() {
        String[] lines = TABLE.strip().split("\n");
        String[] columns = cells(lines[0]);
        List<Arguments> all = new ArrayList<>();
        for (int row = 1; row < lines.length; row++) {
            String[] cells = cells(lines[row]);
            for (int column = 1; column < columns.length; column++) {
                all.add(Arguments.of(cells[0], columns[column], CALLS.get(column - 1), cells[column]));
            }
        }
        return all.stream();
    }

    private static String[] cells(String line) {
        return Stream.of(line.split("\\|")).map(String::strip).toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} x {1} -> {3}")
    @MethodSource("cells")
    void cell(String state, String call, Consumer<WebSocket> action, String expected) {
        WebSocket socket = socketIn(state);
        Throwable thrown = null;
        try {
            action.accept(socket);
        } catch (RuntimeException e) {
            thrown = e;
        }
        String actual = thrown == null ? String.valueOf(socket.readyState()) : nameOf(thrown);
        assertEquals(expected, actual, state + " x " + call + (thrown == null ? "" : ": " + thrown));
    }

    private static String nameOf(Throwable thrown) {
        for (Map.Entry<String, Expected> error : ERRORS.entrySet()) {
            if (error.getValue().type == thrown.getClass() && error.getValue().message.equals(thrown.getMessage())) {
                return error.getKey();
            }
        }
        return thrown.toString();
    }

    /** A server end driven by its peer into {@code state}, with every event delivered. */
    private static WebSocket socketIn(String state) {
        ManualExecutor executor = new ManualExecutor();
        WebSocketPair pair = new Engine(executor, Compatibility.of("2026-11-17")).newPair();
        WebSocket socket = pair.server();
        WebSocket peer = pair.client();
        switch (state) {
            case "AWAITING":
                break;
            case "OPEN":
                socket.accept();
                break;
            case "CLOSING_SENT":
                socket.accept();
                socket.close(1000);
                break;
            case "HALF_RECEIVED":
                socket.accept(AcceptOptions.allowHalfOpen(true));
                peer.accept();
                peer.close(1000);
                break;
            case "CLOSED":
                socket.accept();
                peer.accept();
                socket.close(1000);
                break;
            case "LOST":
                socket.accept();
                RealWebSocket.of(peer).abandon();
                break;
            case "LOST_AFTER_CLOSE":
                socket.accept();
                socket.close(1000);
                RealWebSocket.of(peer).abandon();
                break;
            case "FAILED":
                socket.addEventListener("message", event -> {
                    throw new IllegalStateException("listener failed");
                });
                socket.accept();
                peer.accept();
                peer.send("x");
                break;
            case "RETURNED":
                RealWebSocket.of(socket).coupleTo(new SinkTransport());
                break;
            default:
                throw new IllegalArgumentException(state);
        }
        executor.runAll();
        return socket;
    }
}
