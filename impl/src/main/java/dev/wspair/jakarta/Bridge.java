package dev.wspair.jakarta;

import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.SendLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One application's JSR-356 bridge: its limits, its open connections (with their timers) and the
 * upgrades waiting for their connection. Every {@link BridgeEndpoint} belongs to one bridge; the
 * application's runtime owns it and closes it.
 */
public final class Bridge {

    private final BridgeSettings settings;
    /** The settings' send limits, made once: every connection shares them. */
    private final SendLimits sendLimits;
    /** The last text message its connections sent, framed once for all of them (a broadcast). */
    private final ServerTextFrames textFrames = new ServerTextFrames();
    private final OpenConnections connections;
    private final PendingUpgrades pending = new PendingUpgrades();
    /**
     * The returned end an embedded handshake carries to the connection it opens: Tyrus's Grizzly
     * filter runs the handshake and opens the connection on one thread, one after the other. (Not
     * the session's user properties: an entry there leaves an 80-byte table in every connection.)
     */
    private final ThreadLocal<String> carriedOnThread = new ThreadLocal<>();
    /** The metrics of returned ends whose connection is not open yet (only when metrics are on). */
    private final Map<RealWebSocket, ConnectionMetrics> metering = new ConcurrentHashMap<>();

    /** A bridge with {@code settings} whose timers run on {@code scheduler}. */
    public Bridge(BridgeSettings settings, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.sendLimits = settings.sendLimits();
        this.connections = new OpenConnections(new ConnectionTimers(scheduler, settings));
    }

    public BridgeSettings settings() {
        return settings;
    }

    SendLimits sendLimits() {
        return sendLimits;
    }

    ServerTextFrames textFrames() {
        return textFrames;
    }

    /** Connections open now. */
    public int openConnections() {
        return connections.count();
    }

    OpenConnections connections() {
        return connections;
    }

    PendingUpgrades pending() {
        return pending;
    }

    ThreadLocal<String> carriedOnThread() {
        return carriedOnThread;
    }

    /** The connection that {@code returned} couples to counts with {@code metrics} (the route's). */
    public void meter(RealWebSocket returned, ConnectionMetrics metrics) {
        metering.put(returned, metrics);
    }

    /** Forgets the metrics of {@code returned} (its upgrade ended); idempotent. */
    public void unmeter(RealWebSocket returned) {
        if (returned != null) {
            metering.remove(returned);
        }
    }

    /** The metrics for the connection {@code returned} couples to, once; {@link ConnectionMetrics#NONE} if none. */
    ConnectionMetrics metering(RealWebSocket returned) {
        ConnectionMetrics metrics = metering.remove(returned);
        return metrics == null ? ConnectionMetrics.NONE : metrics;
    }

    /**
     * Gives up every upgrade still waiting, then closes every open connection with 1001 and waits
     * (a few seconds at most) until their close events were delivered.
     */
    public void close() {
        pending.abandonAll();
        connections.closeAll();
    }
}
