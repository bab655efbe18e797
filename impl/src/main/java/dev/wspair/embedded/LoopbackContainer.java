package dev.wspair.embedded;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus on a Grizzly listener bound to the address we choose (Tyrus's own server binds 0.0.0.0 and
 * maps port 0 to 8025), with plain HTTP requests going to {@code http}, over TLS when given an
 * {@link SSLContext}. The worker pool grows: a half-open socket holds a worker until the
 * application closes it.
 */
final class LoopbackContainer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;
    private final String host;
    private final HttpHandler http;
    private final SSLContext tls;
    /** Unmasks the client's frames before Tyrus does; {@code null} when turned off. */
    private final UnmaskingFilter unmasking;
    /** Whether a socket's replies to one read's messages are written together ({@link ReadRepliesFilter}). */
    private final boolean repliesPerRead;
    private HttpServer server;
    private NetworkListener listener;

    /**
     * @param tls the server's TLS context (its key and certificate), or {@code null} for plain HTTP
     * @param fastUnmask whether our {@link UnmaskingFilter} unmasks the client's frames instead of Tyrus
     * @param repliesPerRead whether {@link ReadRepliesFilter} writes a socket's replies to one read's messages together
     */
    LoopbackContainer(String host, int incomingBufferSize, HttpHandler http, SSLContext tls, boolean fastUnmask,
            boolean repliesPerRead) {
        super((Set<Class<?>>) null);
        this.host = host;
        this.http = http;
        this.tls = tls;
        this.unmasking = fastUnmask ? new UnmaskingFilter() : null;
        this.repliesPerRead = repliesPerRead;
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
        // "no idle timeout" as a negative number: Tyrus 2.1.6 schedules a no-op task on its timer pool at every
        // session's start and at every message in or out when the timeout is 0 (TyrusSession
        // .restartIdleTimeoutExecutor tests >= 0), one thread wake-up each; a negative timeout schedules none
        setDefaultMaxSessionIdleTimeout(-1);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, "");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public void start(String rootPath, int port) throws IOException, DeploymentException {
        server = new HttpServer();
        listener = new NetworkListener("wspair", host, port);
        listener.setTransport(TCPNIOTransportBuilder.newInstance()
                .setIOStrategy(WorkerThreadIOStrategy.getInstance())
                .setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                        .setPoolName("wspair-http")
                        .setCorePoolSize(Math.max(8, 2 * Runtime.getRuntime().availableProcessors()))
                        .setMaxPoolSize(512))
                .build());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        if (tls != null) {
            // Grizzly's SSL filter goes under the HTTP filter: https for plain requests, wss for upgrades.
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
        }
        listener.registerAddOn(webSocketAddOn());
        if (unmasking != null) {
            listener.registerAddOn(UnmaskingFilter.addOn(unmasking));
        }
        if (repliesPerRead) {
            // after the unmasking add-on, which finds Tyrus's filter by its class
            listener.registerAddOn(ReadRepliesFilter.addOn());
        }
        server.addListener(listener);
        server.getServerConfiguration().addHttpHandler(http);
        server.start();
        super.start(rootPath, listener.getPort());
    }

    /**
     * Tyrus's add-on that puts its filter before Grizzly's HTTP filter. The class is public for
     * this use (TYRUS-317) but its constructor is package-private in 2.1.6.
     */
    private AddOn webSocketAddOn() throws IOException {
        try {
            var constructor = WebSocketAddOn.class.getDeclaredConstructor(org.glassfish.tyrus.spi.ServerContainer.class, String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(this, "");
        } catch (ReflectiveOperationException e) {
            throw new IOException("This Tyrus version cannot be attached to a Grizzly listener", e);
        }
    }

    /** How many client frames {@link UnmaskingFilter} unmasked (0 when it is turned off). */
    long unmaskedFrames() {
        return unmasking == null ? 0 : unmasking.unmaskedFrames();
    }

    @Override
    public int getPort() {
        return listener == null ? -1 : listener.getPort();
    }

    @Override
    public void stop() {
        super.stop();
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
