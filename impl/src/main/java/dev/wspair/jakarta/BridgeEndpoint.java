package dev.wspair.jakarta;

import dev.wspair.engine.RealWebSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * The JSR-356 endpoint of every bridged connection: on open it couples the container session to
 * the end that was returned in the 101 response, so that the other end (the one the application
 * holds) reads from and writes to the network. One instance per connection.
 */
public final class BridgeEndpoint extends Endpoint {

    /** The path parameter (servlet upgrade) naming the returned end. */
    public static final String RETURNED_END = "wspair-connection";

    private static final System.Logger LOG = System.getLogger(BridgeEndpoint.class.getName());

    private final Bridge bridge;
    /** Connects a client's socket; null for a server connection, which couples its returned end. */
    private final Function<BridgedConnection, RealWebSocket> opening;
    private final String refusal;
    private BridgedConnection connection;
    /** Runs once the connection ends: gives the route's place back. */
    private Runnable ended = () -> { };

    /** For the container: couples the end returned in the response, which comes with the session. */
    public BridgeEndpoint(Bridge bridge) {
        this.bridge = bridge;
        this.opening = null;
        this.refusal = "No WebSocket response is waiting for this connection";
    }

    /** A server connection: couples the end returned in the response, which comes with the session. */
    private RealWebSocket coupleReturned(BridgedConnection opened) {
        PendingUpgrades.Pending pending = returnedEnd(bridge, opened.session());
        if (pending == null) {
            return null;
        }
        ended = pending.ended();
        opened.meter(bridge.metering(pending.returned()));
        return opened.couple(pending.returned());
    }

    /** For a client connection that couples a known returned end. */
    public BridgeEndpoint(Bridge bridge, RealWebSocket returned) {
        this.bridge = bridge;
        this.opening = opened -> opened.couple(returned);
        this.refusal = "The WebSocket for this connection is gone";
    }

    /**
     * For a client connection: {@code opening} receives the opened connection and connects the socket
     * that the network feeds (returns it), or returns null to refuse the connection with {@code refusal}.
     */
    public BridgeEndpoint(Bridge bridge, Function<BridgedConnection, RealWebSocket> opening, String refusal) {
        this.bridge = bridge;
        this.opening = opening;
        this.refusal = refusal;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        BridgedConnection opened = new BridgedConnection(session, bridge.settings(), bridge.sendLimits(), bridge.textFrames());
        RealWebSocket fed;
        try {
            fed = opening == null ? coupleReturned(opened) : opening.apply(opened);
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, "The WebSocket returned in the response cannot be used: " + e.getMessage());
            refuse(session, e.getMessage());
            ended.run();
            return;
        }
        if (fed == null) {
            refuse(session, refusal);
            return;
        }
        connection = opened;
        bridge.connections().add(opened);
        opened.meterOpened();
    }

    /**
     * Carries {@code returned} to the connection that the embedded handshake running on this thread
     * opens next, on this thread; if it never opens, the server end sees the connection lost (as
     * for a servlet upgrade).
     */
    public static void carry(Bridge bridge, RealWebSocket returned, Runnable ended) {
        bridge.carriedOnThread().set(bridge.pending().add(returned, ended));
    }

    private static PendingUpgrades.Pending returnedEnd(Bridge bridge, Session session) {
        String id = bridge.carriedOnThread().get();
        if (id != null) {
            bridge.carriedOnThread().remove();
        } else {
            id = session.getPathParameters().get(RETURNED_END);
        }
        return bridge.pending().take(id);
    }

    private static void refuse(Session session, String why) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    dev.wspair.engine.Utf8.truncate(why, 123)));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing a refused session failed", e);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        BridgedConnection closed = connection;
        if (closed != null) {
            try {
                closed.onClose(closeReason);
            } finally {
                // a connection that ended without telling its socket (already counted otherwise)
                closed.metrics().ended(closeReason.getCloseCode().getCode(), null);
                bridge.connections().remove(closed);
                ended.run();
            }
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        BridgedConnection failed = connection;
        if (failed != null) {
            failed.onError(error);
        }
    }
}
