package dev.wspair.jakarta;

import java.util.concurrent.ScheduledExecutorService;

/**
 * One application's JSR-356 bridge: its limits, its open connections (with their timers) and the
 * upgrades waiting for their connection. Every {@link BridgeEndpoint} belongs to one bridge; the
 * application's runtime owns it and closes it.
 */
public final class Bridge {

    private final BridgeSettings settings;
    private final OpenConnections connections;
    private final PendingUpgrades pending = new PendingUpgrades();

    /** A bridge with {@code settings} whose timers run on {@code scheduler}. */
    public Bridge(BridgeSettings settings, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.connections = new OpenConnections(new ConnectionTimers(scheduler, settings));
    }

    public BridgeSettings settings() {
        return settings;
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

    /**
     * Gives up every upgrade still waiting, then closes every open connection with 1001 and waits
     * (a few seconds at most) until their close events were delivered.
     */
    public void close() {
        pending.abandonAll();
        connections.closeAll();
    }
}
