package dev.wspair.engine;

/**
 * workerd's trailing {@code error} event: after a closing handshake that the peer started, once the
 * socket's reply Close has gone out (its automatic reply, or the application's {@code close()}
 * after the close event, in half-open mode or before 2026-04-07), workerd's write pump ends after
 * the connection was already released on the other side, and the socket gets an {@code error}
 * event {@code "Uncaught Error: Network connection lost."} (readyState CLOSED), after its close
 * event. Observed with workerd 1.20261117.1 (README, row D3 retired):
 *
 * <ul>
 *   <li>an end of an in-memory {@code WebSocketPair} that replies to its other end's Close: always;
 *   <li>a client socket, {@code new WebSocket(url)} or the socket of a {@code fetch()} with
 *       {@code Upgrade}, that replies to the server's Close: always;
 *   <li>the server end of a pair whose other end went out in a 101 response: only if it had
 *       received a text or binary message before the Close (a Ping does not count);
 *   <li>never a hibernatable socket (workerd releases it instead of reporting), never a socket
 *       that closed first (the peer's Close is then the answer), never after a lost connection.
 * </ul>
 *
 * <p>In workerd the pump's continuation finds {@code outgoingAborted} set by {@code whenAborted()}
 * (web-socket.c++, {@code ensurePumping}) and reports {@code DISCONNECTED}, which JavaScript sees
 * as "Network connection lost.".
 */
final class TrailingError {

    private TrailingError() {
    }

    /**
     * Whether a socket whose reply Close was just delivered gets the trailing error event.
     *
     * @param hibernatable accepted by a Durable Object with {@code acceptWebSocket}
     * @param coupledToResponse the server end of a pair whose other end went out in a 101 response
     * @param receivedData it delivered at least one text or binary message
     */
    static boolean follows(boolean hibernatable, boolean coupledToResponse, boolean receivedData) {
        if (hibernatable) {
            return false;
        }
        return !coupledToResponse || receivedData;
    }
}
