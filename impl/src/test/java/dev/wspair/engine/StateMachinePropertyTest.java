package dev.wspair.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.AcceptOptions;
import dev.wspair.Compatibility;
import dev.wspair.Event;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of what an application and its peer can do to the two ends of a pair, with
 * event delivery interleaved at random: readyState only moves forward; a socket has at most one
 * close event and at most one error event; once both ends are closed, every end that was not torn
 * down has had its close or error event. One event may follow the other only as in workerd, where
 * reading and writing end separately: after the error event, the 1006 close of a connection lost
 * meanwhile; after the close event, the "Network connection lost." error of frames still in flight
 * when the other end went away ({@code reportError} dispatches the first error whatever the read
 * side did).
 */
class StateMachinePropertyTest {

    enum Kind { ACCEPT, ACCEPT_HALF_OPEN, SEND, CLOSE, CLOSE_4000, CLOSE_NO_CODE, NEXT_LISTENER_THROWS, ABANDON, DELIVER_ONE, DELIVER_ALL }

    record Action(Kind kind, int side) {
        @Override
        public String toString() {
            return kind + (side == 0 ? "(W)" : "(P)");
        }
    }

    /** The workerd messages a misused socket throws; anything else is a bug. */
    private static final Set<String> MISUSE = Set.of(
            "Can't call WebSocket send() after close().",
            "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.",
            "Can't accept() WebSocket that was already used in a response.");

    /** One end, and what its listeners saw. */
    private static final class End {
        final WebSocket socket;
        final List<String> events = new ArrayList<>();
        int lastReadyState;
        boolean abandoned;
        boolean throwNext;
        /** Recorded here, not thrown: an exception in a listener is the socket's business. */
        final List<String> violations = new ArrayList<>();

        End(WebSocket socket) {
            this.socket = socket;
            this.lastReadyState = socket.readyState();
            socket.addEventListener("message", event -> {
                record(event);
                if (throwNext) {
                    throwNext = false;
                    throw new IllegalStateException("listener failed");
                }
            });
            socket.addEventListener("close", this::record);
            socket.addEventListener("error", this::record);
        }

        private void record(Event event) {
            String type = event.type();
            boolean lostClose = type.equals("close") && ((dev.wspair.CloseEvent) event).code() == 1006;
            boolean pumpFailed = type.equals("error")
                    && ((dev.wspair.ErrorEvent) event).message().equals("Uncaught Error: " + dev.wspair.WebSocketException.CONNECTION_LOST);
            boolean closed = events.contains("close");
            boolean failed = events.contains("error");
            boolean allowed = switch (type) {
                case "close" -> !closed && (!failed || lostClose);
                case "error" -> !failed && (!closed || pumpFailed);
                default -> !closed && !failed;
            };
            if (!allowed) {
                violations.add("a " + type + " event after " + events);
            }
            events.add(type);
        }

        void check() {
            assertEquals(List.of(), violations);
            int now = socket.readyState();
            assertTrue(now >= lastReadyState, "readyState went back from " + lastReadyState + " to " + now + " after " + events);
            lastReadyState = now;
        }

        boolean ended() {
            return events.contains("close") || events.contains("error");
        }
    }

    @Property(tries = 10_000)
    void invariantsHoldForAnySequence(@ForAll("sequences") List<Action> actions) {
        ManualExecutor executor = new ManualExecutor();
        WebSocketPair pair = new Engine(executor, Compatibility.of("2026-11-17")).newPair();
        End[] ends = {new End(pair.server()), new End(pair.client())};
        for (Action action : actions) {
            apply(action, ends[action.side()], executor);
            for (End end : ends) {
                end.check();
            }
        }
        for (End end : ends) {
            if (!end.abandoned) {
                misuse(() -> end.socket.accept());
                misuse(() -> end.socket.close());
            }
        }
        executor.runAll();
        for (End end : ends) {
            end.check();
            if (!end.abandoned) {
                assertTrue(end.ended(), "no close or error event after " + actions + ": " + end.events);
                // CLOSING stays after a lost connection that the socket never closed itself: workerd's derived readyState
                assertTrue(end.socket.readyState() >= WebSocket.CLOSING, "readyState at the end of " + actions);
            }
        }
    }

    private static void apply(Action action, End end, ManualExecutor executor) {
        switch (action.kind()) {
            case ACCEPT -> misuse(() -> end.socket.accept());
            case ACCEPT_HALF_OPEN -> misuse(() -> end.socket.accept(AcceptOptions.allowHalfOpen(true)));
            case SEND -> misuse(() -> end.socket.send("m"));
            case CLOSE -> misuse(() -> end.socket.close(1000, "bye"));
            case CLOSE_4000 -> misuse(() -> end.socket.close(4000));
            case CLOSE_NO_CODE -> misuse(() -> end.socket.close());
            case NEXT_LISTENER_THROWS -> end.throwNext = true;
            case ABANDON -> {
                RealWebSocket.of(end.socket).abandon();
                end.abandoned = true;
            }
            case DELIVER_ONE -> executor.runOne();
            case DELIVER_ALL -> executor.runAll();
            default -> throw new AssertionError(action);
        }
    }

    /** Runs a call that may be refused with one of workerd's misuse messages, and nothing else. */
    private static void misuse(Runnable call) {
        try {
            call.run();
        } catch (IllegalStateException e) {
            assertTrue(MISUSE.contains(e.getMessage()), "unexpected refusal: " + e.getMessage());
        }
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1))
                .as(Action::new).list().ofMaxSize(40);
    }
}
