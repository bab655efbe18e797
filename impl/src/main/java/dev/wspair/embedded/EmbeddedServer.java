package dev.wspair.embedded;

import dev.wspair.Compatibility;
import dev.wspair.FetchHandler;
import dev.wspair.cdi.NamespaceProducer;
import dev.wspair.cdi.PairProducer;
import dev.wspair.jakarta.BridgeEndpoint;
import dev.wspair.jakarta.BridgeSettings;
import dev.wspair.jakarta.Compression;
import dev.wspair.jakarta.RouteBinding;
import dev.wspair.client.SharedTransport;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The embedded runtime: CDI (Weld SE) and Jakarta WebSocket (Tyrus on Grizzly) in one process,
 * without an application server. It serves the routes ({@code @Route} beans implementing {@link
 * FetchHandler}) found by CDI, and optionally a directory of static files, on 127.0.0.1 (or a given
 * host) and a given or free port; over TLS ({@code https}, {@code wss}) with {@link Builder#tls}.
 * It has no login and no users: a route that admits only authenticated users (a role in
 * {@code @RolesAllowed}) stops {@link Builder#start()} with an error that names it.
 *
 * <pre>{@code
 * try (EmbeddedServer server = EmbeddedServer.builder().port(8080).start()) {
 *     System.out.println(server.uri());
 * }
 * }</pre>
 */
public final class EmbeddedServer implements AutoCloseable {

    private final WeldContainer cdi;
    private final ApplicationRuntime runtime;
    private final LoopbackContainer container;
    private final String host;
    private final boolean tls;

    private EmbeddedServer(WeldContainer cdi, ApplicationRuntime runtime, LoopbackContainer container, String host,
            boolean tls) {
        this.cdi = cdi;
        this.runtime = runtime;
        this.container = container;
        this.host = host;
        this.tls = tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The setting that, {@code false}, leaves the unmasking of client frames to Tyrus (see {@link UnmaskingFilter}). */
    static final String FAST_UNMASK = "wspair.embedded.fastUnmask";

    /** The setting that, {@code false}, writes each reply of a socket at once (see {@link ReadRepliesFilter}). */
    static final String REPLIES_PER_READ = "wspair.embedded.repliesPerRead";

    /** The bound port. */
    public int port() {
        return container.getPort();
    }

    /** {@code http://host:port/}, or {@code https://host:port/} with TLS. */
    public URI uri() {
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port() + "/");
    }

    /** {@code ws://host:port/path}, or {@code wss://host:port/path} with TLS. */
    public URI webSocketUri(String path) {
        return URI.create((tls ? "wss" : "ws") + "://" + host + ":" + port() + path);
    }

    /** How many client frames were unmasked ahead of Tyrus (see {@link UnmaskingFilter}). */
    long unmaskedFrames() {
        return container.unmaskedFrames();
    }

    /** How many tasks Tyrus's own timer pool has been given (its idle timeouts and keepalive pings). */
    long tyrusTimerTasks() {
        return ((ThreadPoolExecutor) container.getScheduledExecutorService()).getTaskCount();
    }

    /** The CDI container of the application. */
    public WeldContainer cdi() {
        return cdi;
    }

    /** The application's runtime: its settings, sockets, connections and executors. */
    public ApplicationRuntime runtime() {
        return runtime;
    }

    /**
     * Runs {@code task} as this application's code: {@code new WebSocketPair()} and {@code new
     * WebSocket(url)} inside it use this server's runtime (route handlers and socket events do
     * so by themselves).
     */
    public <T, X extends Exception> T call(ApplicationRuntime.Task<T, X> task) throws X {
        return runtime.call(task);
    }

    /** Closes every connection with 1001, then stops the server, the runtime's threads and CDI. Idempotent. */
    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            if (cdi.isRunning()) {
                cdi.shutdown();
            }
        }
    }

    /** Options of the embedded runtime. */
    public static final class Builder {
        private String name = "embedded";
        private String host = "127.0.0.1";
        private int port;
        private Path staticFiles;
        private final List<Class<?>> beanClasses = new ArrayList<>();
        private final List<ServerEndpointConfig> endpoints = new ArrayList<>();
        private Compatibility compatibility;
        private final java.util.Map<String, String> settings = new java.util.HashMap<>();
        private Path keystore;
        private char[] keystorePassword;

        /** The application's name, in its thread names ({@code wspair-NAME-...}) and logs; "embedded" by default. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The address to bind; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 (the default) takes a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A directory whose files are served as they are. */
        public Builder staticFiles(Path directory) {
            this.staticFiles = directory;
            return this;
        }

        /** Uses exactly these bean classes instead of discovering bean archives on the class path. */
        public Builder beanClasses(Class<?>... classes) {
            beanClasses.addAll(List.of(classes));
            return this;
        }

        /** Plain JSR-356 endpoints to serve beside the routes (a raw endpoint to compare with, say). */
        public Builder endpoints(ServerEndpointConfig... configs) {
            endpoints.addAll(List.of(configs));
            return this;
        }

        /** Fixed compatibility settings instead of the configured ones (wspair.compatibilityDate, ...Flags). */
        public Builder compatibility(Compatibility compatibility) {
            this.compatibility = compatibility;
            return this;
        }

        /**
         * A setting of {@code BridgeSettings} ({@code wspair.maxMessageSize}, {@code wspair.idleTimeout}...),
         * as a WAR's {@code <context-param>}: it comes before the system property of that name.
         */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * Serves over TLS only ({@code https} and {@code wss}), with the key and certificate chain
         * of a PKCS12 keystore (a password-protected {@code .p12} file: {@code keytool
         * -genkeypair -storetype PKCS12}, or {@code openssl pkcs12 -export} from PEM files). The
         * password is copied, and the copy is cleared once the keystore has been read (so a builder
         * given a keystore starts one server); clear yours too. A keystore that cannot be read fails
         * {@link #start()}.
         */
        public Builder tls(Path keystore, char[] password) {
            this.keystore = Objects.requireNonNull(keystore, "keystore");
            this.keystorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        public EmbeddedServer start() throws IOException {
            SSLContext tls = keystore == null ? null : serverContext();
            Weld weld = new Weld().property("org.jboss.weld.se.shutdownHook", false);
            if (!beanClasses.isEmpty()) {
                weld.disableDiscovery().addBeanClasses(beanClasses.toArray(Class<?>[]::new)).addBeanClass(PairProducer.class)
                        .addBeanClass(NamespaceProducer.class);
            }
            WeldContainer cdi = weld.initialize();
            ApplicationRuntime runtime = null;
            try {
                runtime = ApplicationRuntime.builder(name).settings(settings::get).compatibility(compatibility)
                        .beans(cdi.getBeanManager()).start();
                if (runtime.cluster() != null) {
                    // the links to other nodes share one client transport, stopped with the runtime
                    SharedTransport links = SharedTransport.start(name);
                    runtime.onClose(links::close);
                    runtime.connector().share(links);
                }
                List<RouteBinding> routes = routes(cdi);
                if (runtime.linkRoute() != null) {
                    routes.add(runtime.linkRoute());
                }
                LoopbackContainer container = new LoopbackContainer(host, frameBuffer(runtime.bridge().settings()),
                        new PlainRequests(routes, runtime, staticFiles), tls, enabled(FAST_UNMASK),
                        enabled(REPLIES_PER_READ));
                for (RouteBinding route : routes) {
                    container.addEndpoint(ServerEndpointConfig.Builder.create(BridgeEndpoint.class, route.path())
                            .configurator(new HandshakeRoute(route, runtime))
                            .extensions(Compression.extensions(container, runtime.compatibility()))
                            .build());
                }
                for (ServerEndpointConfig endpoint : endpoints) {
                    container.addEndpoint(endpoint);
                }
                container.start("", port);
                runtime.onClose(container::stop);
                EmbeddedServer server = new EmbeddedServer(cdi, runtime, container, host, tls != null);
                runtime.joinCluster(server.uri());
                return server;
            } catch (IOException | DeploymentException | RuntimeException e) {
                if (runtime != null) {
                    runtime.close();
                }
                cdi.shutdown();
                throw e instanceof IOException ? (IOException) e
                        : new IOException("The embedded runtime did not start: " + e.getMessage(), e);
            }
        }

        /** A TLS context whose key manager serves the keystore's key and certificate chain. */
        private SSLContext serverContext() throws IOException {
            if (keystorePassword == null) {
                throw new IllegalStateException("This builder's keystore password was cleared when it started a "
                        + "server: call tls(...) again");
            }
            try (InputStream in = Files.newInputStream(keystore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, keystorePassword);
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, keystorePassword);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                // a wrong password shows as an IOException whose cause is an UnrecoverableKeyException
                throw new IOException("Cannot use the PKCS12 keystore " + keystore + " for TLS: " + e.getMessage(), e);
            } finally {
                Arrays.fill(keystorePassword, '\0');
                keystorePassword = null;
            }
        }

        /**
         * Whether the setting {@code name} is on: unless {@code false} ({@code wspair.embedded.fastUnmask},
         * {@code wspair.embedded.repliesPerRead}).
         */
        private boolean enabled(String name) {
            return !"false".equalsIgnoreCase(BridgeSettings.chain(settings::get).apply(name));
        }

        /**
         * Tyrus answers a frame larger than its buffer with 1011 "Buffer overflow." before the
         * bridge sees it; with twice the message limit, frames up to that size get workerd's 1009.
         */
        private static int frameBuffer(BridgeSettings settings) {
            return (int) Math.min(Integer.MAX_VALUE - 64, 2L * settings.maxMessageSize() + 14);
        }

        private static List<RouteBinding> routes(WeldContainer cdi) {
            List<RouteBinding> routes = new ArrayList<>();
            for (Bean<?> bean : cdi.getBeanManager().getBeans(FetchHandler.class, Any.Literal.INSTANCE)) {
                if (RouteBinding.isRoute(bean.getBeanClass())) {
                    routes.add(withoutUsers(new RouteBinding(bean.getBeanClass().asSubclass(FetchHandler.class))));
                }
            }
            return routes;
        }

        /**
         * {@code route}, unless only an authenticated user may use it: this runtime has no login and
         * no users, so such a route could only ever answer 401; it stops the start instead.
         */
        private static RouteBinding withoutUsers(RouteBinding route) {
            if (route.roles().needsUser()) {
                throw new IllegalStateException("The route " + route + " admits only authenticated users ("
                        + route.roles() + "), and the embedded runtime has no login and no users: serve it from "
                        + "WildFly or Payara, or leave it out of this server's beans");
            }
            return route;
        }
    }
}
