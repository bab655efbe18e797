package dev.wspair.client;

import dev.wspair.ClientOptions;
import dev.wspair.Compatibility;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketException;
import dev.wspair.engine.Engine;
import dev.wspair.engine.Messages;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.RuntimeTypeError;
import dev.wspair.jakarta.Bridge;
import dev.wspair.jakarta.BridgeEndpoint;
import dev.wspair.jakarta.BridgedConnection;
import dev.wspair.jakarta.Compression;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Outbound connections on the runtime's JSR-356 {@link WebSocketContainer} (Tyrus's client on the
 * embedded runtime and Payara, Undertow's on WildFly): {@code new WebSocket(url)} and the
 * fetch-style upgrade. The container's connect call blocks, so it runs on the application's
 * executor for blocking work; connect timeouts run on its scheduler. One per application.
 */
public final class Connector {

    private final Engine engine;
    private final Bridge bridge;
    private final Executor connecting;
    private final ScheduledExecutorService timeouts;
    /** The runtime's own client transport (the embedded runtime's), for its own connections; null elsewhere. */
    private volatile SharedTransport shared;

    /**
     * Connections whose sockets come from {@code engine} and whose connections belong to {@code
     * bridge}; the blocking connect calls run on {@code connecting}, timeouts on {@code timeouts}.
     */
    public Connector(Engine engine, Bridge bridge, Executor connecting, ScheduledExecutorService timeouts) {
        this.engine = engine;
        this.bridge = bridge;
        this.connecting = connecting;
        this.timeouts = timeouts;
    }

    /**
     * The runtime's own connections ({@link #fetchOwn}) go over {@code transport} from now on; the
     * runtime closes it.
     */
    public void share(SharedTransport transport) {
        this.shared = transport;
    }

    /** {@code new WebSocket(url, protocols)}: validates, then connects in the background. */
    public RealWebSocket connect(WebSocket shell, String url, List<String> protocols,
            boolean protocolsGivenAsList, ClientOptions options) {
        URI uri = ClientUrls.parse(url, false);
        ClientUrls.checkProtocols(protocols, protocolsGivenAsList);
        RealWebSocket socket = engine.newClient(shell, url);
        Handshake handshake = new Handshake(protocols, options);
        start(uri, handshake, options, engine.compatibility(), null, opened -> opened.open(socket, handshake.header("Sec-WebSocket-Protocol"),
                handshake.header("Sec-WebSocket-Extensions")), socket::connectFailed, socket::onCancel);
        return socket;
    }

    /** {@code fetch(url, {headers: {Upgrade: "websocket"}})}. */
    public CompletionStage<Response> fetch(String url, ClientOptions options) {
        return fetch(url, options, false);
    }

    /**
     * {@link #fetch} for a connection the runtime opens for itself (a cluster's link): over the
     * runtime's {@link SharedTransport} when it has one and the URL is plain {@code ws:} without a
     * TLS context, else as {@link #fetch}.
     */
    public CompletionStage<Response> fetchOwn(String url, ClientOptions options) {
        return fetch(url, options, true);
    }

    private CompletionStage<Response> fetch(String url, ClientOptions options, boolean own) {
        URI uri = ClientUrls.parse(url, true);
        SharedTransport ownTransport = own && options.sslContext() == null ? shared : null;
        // null without Tyrus and Grizzly: then the class is never loaded
        SharedTransport transport = ownTransport != null && SharedTransport.serves(uri) ? ownTransport : null;
        String requested = options.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        List<String> protocols = new ArrayList<>();
        for (String protocol : requested.split(",")) {
            if (!protocol.isBlank()) {
                protocols.add(protocol.trim());
            }
        }
        Handshake handshake = new Handshake(protocols, options);
        CompletableFuture<Response> response = new CompletableFuture<>();
        start(uri, handshake, options, engine.compatibility(), transport, opened -> {
            RealWebSocket socket = engine.newFetched();
            opened.attach(socket);
            response.complete(Response.webSocket(socket.shell(), handshake.responseHeaders()));
            return socket;
        }, failure -> {
            if (failure instanceof RuntimeTypeError && handshake.status > 0) {
                response.complete(new Response(null, handshake.status, handshake.responseHeaders(), null));
            } else {
                response.completeExceptionally(failure);
            }
        }, cancel -> { });
        return response;
    }

    private void start(URI uri, Handshake handshake, ClientOptions options, Compatibility compatibility,
            SharedTransport transport, Function<BridgedConnection, RealWebSocket> onOpen, java.util.function.Consumer<Throwable> onFailure,
            java.util.function.Consumer<Runnable> onCancel) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        CompletableFuture<Session> attempt = new CompletableFuture<>();
        onCancel.accept(() -> attempt.cancel(false));
        connecting.execute(() -> {
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(application);
            try {
                WebSocketContainer container = transport != null ? transport.client()
                        : ContainerProvider.getWebSocketContainer();
                ClientEndpointConfig config = handshake.config(container, options, Compression.extensions(container, compatibility));
                Session session = container.connectToServer(new BridgeEndpoint(bridge, opened -> attempt.isDone() ? null
                        : onOpen.apply(opened), "The connection attempt was cancelled"), config, uri);
                if (!attempt.complete(session)) {
                    session.close();
                }
            } catch (Exception e) {
                if (attempt.completeExceptionally(e)) {
                    onFailure.accept(failure(e, handshake));
                }
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        });
        ScheduledFuture<?> timeout = timeouts.schedule(() -> {
            if (attempt.completeExceptionally(new WebSocketException(WebSocketException.CONNECTION_LOST))) {
                onFailure.accept(new WebSocketException(WebSocketException.CONNECTION_LOST));
            }
        }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        attempt.whenComplete((session, failure) -> timeout.cancel(false));
    }

    /** workerd's error for a failed handshake: a TypeError naming the status, or a lost connection. */
    private static Throwable failure(Exception e, Handshake handshake) {
        int status = httpStatus(e);
        if (status > 0) {
            handshake.status = status;
            return new RuntimeTypeError(Messages.notSwitchingProtocols(status));
        }
        return new WebSocketException(WebSocketException.CONNECTION_LOST);
    }

    /** The HTTP status a container reports for a refused handshake, found in the cause chain. */
    private static int httpStatus(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (String getter : new String[] {"getHttpStatusCode", "getStatusCode"}) {
                try {
                    Method method = cause.getClass().getMethod(getter);
                    Object status = method.invoke(cause);
                    if (status instanceof Integer && (Integer) status > 0) {
                        return (Integer) status;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // this container's exception has no such getter
                }
            }
        }
        return 0;
    }

    /** One handshake: the request's extra headers and subprotocols, and what the response said. */
    private static final class Handshake extends ClientEndpointConfig.Configurator {
        private final List<String> protocols;
        private final Map<String, String> requestHeaders;
        private volatile Map<String, List<String>> response = Map.of();
        private volatile int status;

        Handshake(List<String> protocols, ClientOptions options) {
            this.protocols = protocols;
            this.requestHeaders = options.headers();
        }

        ClientEndpointConfig config(WebSocketContainer container, ClientOptions options,
                List<jakarta.websocket.Extension> extensions) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .preferredSubprotocols(protocols).extensions(extensions).configurator(this).build();
            if (options.sslContext() != null) {
                Tls.configure(container, config, options.sslContext());
            }
            return config;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            requestHeaders.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Sec-WebSocket-Protocol") && !name.equalsIgnoreCase("Upgrade")) {
                    headers.put(name, List.of(value));
                }
            });
        }

        @Override
        public void afterResponse(HandshakeResponse handshakeResponse) {
            response = handshakeResponse.getHeaders();
        }

        /** A response header's value, or null when the response had none (workerd's protocol and extensions). */
        String header(String name) {
            for (Map.Entry<String, List<String>> header : response.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return String.join(", ", header.getValue());
                }
            }
            return null;
        }

        Map<String, String> responseHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            response.forEach((name, values) -> headers.put(name, String.join(", ", values)));
            return headers;
        }
    }
}
