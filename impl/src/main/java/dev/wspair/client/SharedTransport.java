package dev.wspair.client;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.GrizzlyFuture;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOConnectorHandler;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.UpgradeRequest;

/**
 * One Grizzly transport, with one selector thread and a worker pool, for the client connections an
 * application's runtime opens for itself (the links of a cluster), and one Tyrus client on it. Tyrus's
 * own Grizzly client starts a transport with its threads for every connection (three threads per
 * link), and its shared transport is one per class loader that stops only when idle; this one belongs
 * to one runtime and stops when the runtime closes. Plain {@code ws:} only: a connection with TLS
 * takes the container's client as before.
 *
 * <p>The worker pool grows as the server's does: on Tyrus a half-open socket's Close holds the
 * worker that read it until the application closes the socket.
 */
public final class SharedTransport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SharedTransport.class.getName());
    /** The key of the transport in its Tyrus client's properties, where {@link SharedTransportContainer} finds it. */
    static final String PROPERTY = SharedTransport.class.getName();
    /** Tyrus's Grizzly client waits as long for a TCP connection. */
    private static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final long STOP_TIMEOUT_MS = 5_000;

    private final String name;
    private final TCPNIOTransport transport;
    private final ClientManager client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SharedTransport(String name, TCPNIOTransport transport) {
        this.name = name;
        this.transport = transport;
        this.client = ClientManager.createClient(SharedTransportContainer.class.getName());
        client.getProperties().put(PROPERTY, this);
        // no idle timeout, as a negative number: at 0 Tyrus 2.1.6 gives its timer pool a no-op task per
        // session start and per message (see LoopbackContainer)
        client.setDefaultMaxSessionIdleTimeout(-1);
    }

    /**
     * Starts the transport of the runtime named {@code name}; its threads are named {@code
     * wspair-NAME-client-...}. Close it when the runtime closes.
     */
    public static SharedTransport start(String name) throws IOException {
        String threads = threadName(name);
        TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance()
                .setIOStrategy(WorkerThreadIOStrategy.getInstance())
                .setSelectorThreadPoolConfig(ThreadPoolConfig.defaultConfig().setPoolName(threads + "-selector")
                        .setCorePoolSize(1).setMaxPoolSize(1))
                .setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().setPoolName(threads)
                        .setCorePoolSize(Math.max(2, Runtime.getRuntime().availableProcessors())).setMaxPoolSize(512))
                .build();
        transport.setSelectorRunnersCount(1);
        transport.start();
        return new SharedTransport(name, transport);
    }

    /** The Tyrus client whose connections go over this transport. */
    WebSocketContainer client() {
        return client;
    }

    /** Whether a connection to {@code uri} can go over this transport (plain {@code ws:}). */
    static boolean serves(URI uri) {
        return "ws".equalsIgnoreCase(uri.getScheme());
    }

    /** Opens the TCP connection of one handshake of {@code engine}; the handshake goes on in {@link UpgradeFilter}. */
    void open(ClientEngine engine) throws DeploymentException, IOException {
        if (closed.get()) {
            throw new IOException("The client transport of " + name + " is closed");
        }
        AtomicReference<Connection<?>> opened = new AtomicReference<>();
        UpgradeRequest request = engine.createUpgradeRequest(() -> {
            Connection<?> connection = opened.get();
            if (connection != null) {
                connection.closeSilently();
            }
        });
        URI uri = request.getRequestURI();
        if (!serves(uri)) {
            throw new DeploymentException("The shared client transport serves ws: URLs only, not " + uri);
        }
        TCPNIOConnectorHandler connector = TCPNIOConnectorHandler.builder(transport)
                .processor(FilterChainBuilder.stateless().add(new TransportFilter())
                        .add(new UpgradeFilter(engine, request, transport.getMemoryManager())).build())
                .build();
        GrizzlyFuture<Connection> connecting = connector.connect(new InetSocketAddress(uri.getHost(), Utils.getWsPort(uri)));
        try {
            opened.set(connecting.get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw new IOException("No connection to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            connecting.cancel(true);
            throw new IOException("No connection to " + uri + " within " + CONNECT_TIMEOUT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connecting.cancel(true);
            throw new IOException("Interrupted while connecting to " + uri);
        }
    }

    /** Stops the transport (any connection still open ends) and waits a few seconds for its threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.shutdown();
        ExecutorService workers = transport.getWorkerThreadPool();
        ExecutorService selectors = transport.getKernelThreadPool();
        try {
            transport.shutdownNow();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Stopping the client transport of " + name + " failed", e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        awaitStop(workers, deadline);
        awaitStop(selectors, deadline);
        joinThreads(deadline);
    }

    /**
     * A terminated pool may still have threads on their way out (the pool's state is set before the
     * thread's run ends): wait for them too, so that none of the transport's threads is left when
     * {@link #close} returns.
     */
    private void joinThreads(long deadline) {
        String prefix = threadName(name);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!thread.getName().startsWith(prefix) || thread == Thread.currentThread()) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String threadName(String runtime) {
        return "wspair-" + runtime + "-client";
    }

    private void awaitStop(ExecutorService pool, long deadline) {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.log(Level.WARNING, "Threads of the client transport of " + name + " still run after "
                        + STOP_TIMEOUT_MS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
