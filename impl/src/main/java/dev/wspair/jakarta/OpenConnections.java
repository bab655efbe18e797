package dev.wspair.jakarta;

import dev.wspair.engine.RealWebSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every connection the bridge serves in this application, so that a shutdown or an undeploy closes
 * them all with 1001 (Undertow leaves upgraded sessions open after an undeploy; Tyrus drops them
 * with 1006 and no Close frame).
 */
public final class OpenConnections {

    static final int GOING_AWAY = 1001;
    static final String GOING_AWAY_REASON = "going away";

    private static final Set<BridgedConnection> OPEN = ConcurrentHashMap.newKeySet();

    private OpenConnections() {
    }

    static void add(BridgedConnection connection) {
        OPEN.add(connection);
    }

    static void remove(BridgedConnection connection) {
        OPEN.remove(connection);
    }

    public static int count() {
        return OPEN.size();
    }

    /** Closes every open connection with 1001: the peer gets the Close, the socket its close event. */
    public static void closeAll() {
        for (BridgedConnection connection : OPEN) {
            RealWebSocket socket = connection.socket();
            if (socket != null) {
                socket.goAway(GOING_AWAY, GOING_AWAY_REASON);
            }
        }
    }
}
