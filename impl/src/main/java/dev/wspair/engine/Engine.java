package dev.wspair.engine;

import dev.wspair.Compatibility;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Creates sockets that deliver their events on one executor, with one source of compatibility
 * settings and one delivery scope. An application's runtime owns one; tests make their own.
 */
public final class Engine {

    private final Executor executor;
    private final Supplier<Compatibility> compatibility;
    private final DeliveryScope scope;
    private final AttachmentCodec attachments;

    /**
     * An engine on {@code executor}, with {@link Compatibility#current()} when each socket is
     * created. The executor must run tasks on other threads, never inside {@code execute()} (a
     * caller-runs policy would deliver events from inside {@code send()}).
     */
    public Engine(Executor executor) {
        this(executor, Compatibility::current, DeliveryScope.NONE);
    }

    /** An engine on {@code executor} with fixed compatibility settings ({@code null}: the current ones). */
    public Engine(Executor executor, Compatibility compatibility) {
        this(executor, fixedOrCurrent(compatibility), DeliveryScope.NONE);
    }

    /** An engine whose sockets take {@code compatibility} when created and whose deliveries each run inside {@code scope}. */
    public Engine(Executor executor, Supplier<Compatibility> compatibility, DeliveryScope scope) {
        this(executor, compatibility, scope, AttachmentCodec.NONE);
    }

    /** As {@link #Engine(Executor, Supplier, DeliveryScope)}, with the codec that copies attachments. */
    public Engine(Executor executor, Supplier<Compatibility> compatibility, DeliveryScope scope,
            AttachmentCodec attachments) {
        this.attachments = Objects.requireNonNull(attachments, "attachments");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.compatibility = Objects.requireNonNull(compatibility, "compatibility");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    private static Supplier<Compatibility> fixedOrCurrent(Compatibility compatibility) {
        return compatibility == null ? Compatibility::current : () -> compatibility;
    }

    public Executor executor() {
        return executor;
    }

    public Compatibility compatibility() {
        return compatibility.get();
    }

    /** This engine with other compatibility settings: the same executor and delivery scope. */
    public Engine withCompatibility(Compatibility settings) {
        return new Engine(executor, fixedOrCurrent(settings), scope, attachments);
    }

    /** {@code new WebSocketPair()} on this engine. */
    public WebSocketPair newPair() {
        WebSocket[] ends = newPairEnds();
        return EngineProvider.pair(ends[0], ends[1]);
    }

    /** The two ends of a new pair, client first. */
    public WebSocket[] newPairEnds() {
        Compatibility settings = compatibility();
        RealWebSocket client = new RealWebSocket(executor, settings, RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING, scope, attachments);
        RealWebSocket server = new RealWebSocket(executor, settings, RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING, scope, attachments);
        RealWebSocket.pair(client, server);
        return new WebSocket[] {EngineProvider.wrap(client), EngineProvider.wrap(server)};
    }

    /** A client socket for {@code new WebSocket(url)}, bound to its public object. */
    public RealWebSocket newClient(WebSocket shell, String url) {
        RealWebSocket client = new RealWebSocket(executor, compatibility(), url, scope, attachments);
        client.bind(shell);
        return client;
    }

    /** A socket from a fetch-style upgrade: awaiting accept(), with its public object. */
    public RealWebSocket newFetched() {
        RealWebSocket fetched = new RealWebSocket(executor, compatibility(), RealWebSocket.State.AWAITING_ACCEPTANCE_OR_COUPLING, scope, attachments);
        EngineProvider.wrap(fetched);
        return fetched;
    }
}
