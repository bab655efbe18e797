package dev.wspair.bridge;

import dev.wspair.testkit.RawClient;
import dev.wspair.Compatibility;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Engine;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.Timeouts;
import dev.wspair.jakarta.BridgeEndpoint;
import dev.wspair.testkit.TcpRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.ClientEndpointConfig;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;

/**
 * Two sockets connected over a real TCP connection: W, the server end of a route on the embedded
 * runtime (handed to the test unaccepted), and P, a socket driven by the same API whose network is a
 * Tyrus client session, through a {@link TcpRelay} that can drop the connection.
 */
final class BridgeHarness implements AutoCloseable {

    /** Hands the server end of each connection to the test, unaccepted. */
    @Route("/contract")
    @ApplicationScoped
    public static class ServerEnds implements FetchHandler {
        static final BlockingQueue<WebSocket> HANDED = new LinkedBlockingQueue<>();
        static volatile Engine engine;

        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = engine.newPair();
            HANDED.add(pair.server());
            return Response.webSocket(pair.client());
        }
    }

    final ForkJoinPool pool = new ForkJoinPool(4, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    private final EmbeddedServer server;
    private final TcpRelay relay;
    private final ClientManager client = ClientManager.createClient();

    BridgeHarness() throws Exception {
        server = EmbeddedServer.builder().beanClasses(ServerEnds.class).start();
        relay = new TcpRelay(server.port());
    }

    /** A harness whose runtime reads the setting {@code name} as {@code value} (a system property while it starts). */
    static BridgeHarness withSetting(String name, String value) throws Exception {
        System.setProperty(name, value);
        try {
            return new BridgeHarness();
        } finally {
            System.clearProperty(name);
        }
    }

    /** W with {@code compatibility}, P with today's settings; neither accepted. */
    WebSocket[] connect(Compatibility compatibility) throws Exception {
        ServerEnds.engine = new Engine(pool, compatibility);
        WebSocketPair local = new Engine(pool, Compatibility.of("2026-11-17")).newPair();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        client.connectToServer(new BridgeEndpoint(server.runtime().bridge(), RealWebSocket.of(local.client())), config, URI.create("ws://127.0.0.1:" + relay.port() + "/contract"));
        return new WebSocket[] {nextServerEnd(), local.server()};
    }

    /** A raw client connected to the route, and the server end the route made for it. */
    RawClient connectRaw(Compatibility compatibility) throws Exception {
        ServerEnds.engine = new Engine(pool, compatibility);
        return new RawClient(server.port(), "/contract");
    }

    WebSocket nextServerEnd() throws InterruptedException {
        WebSocket w = ServerEnds.HANDED.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        if (w == null) {
            throw new AssertionError("the route did not run");
        }
        return w;
    }

    void cut() {
        relay.cut();
    }

    void settle() {
        if (!pool.awaitQuiescence(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("events still running");
        }
    }

    @Override
    public void close() throws java.io.IOException {
        relay.close();
        client.shutdown();
        server.close();
        pool.shutdownNow();
    }
}
