package dev.wspair;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Service-provider interface: creates the engines behind {@link WebSocket}s. {@code wspair-impl}
 * registers one through {@link ServiceLoader}; applications never use this class.
 */
public abstract class WebSocketProvider {

    /** For subclasses, which {@link ServiceLoader} instantiates. */
    protected WebSocketProvider() {
    }

    private static volatile WebSocketProvider loaded;

    /**
     * The provider found on the class path.
     *
     * @return the first provider {@link ServiceLoader} finds, with this class's class loader and then
     *     the thread's context class loader; the same one on every later call
     * @throws IllegalStateException when {@code wspair-impl} is missing, with what to add
     */
    public static WebSocketProvider provider() {
        WebSocketProvider provider = loaded;
        if (provider == null) {
            provider = load();
            loaded = provider;
        }
        return provider;
    }

    /**
     * Creates the two connected ends of a new pair.
     *
     * @return client (index 0), then server (index 1)
     */
    protected abstract WebSocket[] newPairEnds();

    /**
     * Starts connecting {@code webSocket} ({@code new WebSocket(url, protocols)}), after validating the
     * arguments; events follow on the socket.
     *
     * @param webSocket the public socket being constructed
     * @param url the URL, not yet validated
     * @param protocols the subprotocols, not yet validated
     * @param protocolsGivenAsList whether the protocols came as a list (JavaScript's array form),
     *     which changes workerd's error messages
     * @param options the request headers, TLS context and connect timeout
     * @return the engine of {@code webSocket}, in {@link WebSocket#CONNECTING}
     */
    protected abstract WebSocketImpl connect(WebSocket webSocket, String url, java.util.List<String> protocols,
            boolean protocolsGivenAsList, ClientOptions options);

    /**
     * {@link Fetch#upgrade(String, ClientOptions)}.
     *
     * @param url the URL, not yet validated
     * @param options the request headers, TLS context and connect timeout
     * @return the response, as {@link Fetch#upgrade(String, ClientOptions)} describes it
     */
    protected abstract java.util.concurrent.CompletionStage<Response> fetchUpgrade(String url, ClientOptions options);

    /**
     * The compatibility settings of the application the calling thread works for ({@link
     * Compatibility#current()}).
     *
     * @return by default those of the system properties
     */
    protected Compatibility currentCompatibility() {
        return Compatibility.fromSystemProperties();
    }

    /**
     * Sets the compatibility settings of the application the calling thread works for ({@link
     * Compatibility#setDefault}).
     *
     * @param compatibility the settings; {@code null} returns to the application's configured ones
     */
    protected void setCurrentCompatibility(Compatibility compatibility) {
        throw new UnsupportedOperationException("This wspair engine has no per-application compatibility settings");
    }

    /**
     * {@link MessageEvent#json(Class)}: reads one JSON text as {@code type} with the JSON-B of the
     * application the calling thread works for.
     *
     * @param <T> the type
     * @param text the text of a message
     * @param type the class to read it as
     * @return the value; {@code null} for the JSON text {@code null}
     * @throws JsonMessageException when {@code text} is not one JSON value that JSON-B can read as
     *     {@code type}
     */
    protected <T> T readJson(String text, Class<T> type) {
        throw new UnsupportedOperationException("This wspair engine cannot read JSON messages");
    }

    /**
     * {@link WebSocket#sendJson(Object)}: writes {@code value} as JSON text with the JSON-B of the
     * application the calling thread works for.
     *
     * @param value the object, not {@code null}
     * @return its JSON text
     * @throws JsonMessageException when JSON-B cannot write it
     */
    protected String writeJson(Object value) {
        throw new UnsupportedOperationException("This wspair engine cannot write JSON messages");
    }

    /**
     * {@link DurableObjectNamespace#of(Class)}: the namespace of {@code type} in the application the
     * calling thread works for.
     *
     * @param <T> the object class
     * @param type the object class
     * @return the namespace
     */
    protected <T extends DurableObject> DurableObjectNamespace<T> namespace(Class<T> type) {
        throw new UnsupportedOperationException("This wspair engine has no Durable Objects");
    }

    /** {@link Compatibility#current()}: the engine's answer, or the system properties' without an engine. */
    static Compatibility compatibilityOfCurrentApplication() {
        WebSocketProvider provider = loaded;
        if (provider == null) {
            try {
                provider = provider();
            } catch (IllegalStateException noEngine) {
                return Compatibility.fromSystemProperties();
            }
        }
        return provider.currentCompatibility();
    }

    /**
     * Wraps an engine in the public {@code WebSocket} type.
     *
     * @param impl the engine
     * @return a new socket that forwards to {@code impl}
     */
    protected static WebSocket newWebSocket(WebSocketImpl impl) {
        return new WebSocket(impl);
    }

    /**
     * The engine behind a {@code WebSocket}.
     *
     * @param webSocket the socket
     * @return its engine
     */
    protected static WebSocketImpl implOf(WebSocket webSocket) {
        return webSocket.impl;
    }

    /**
     * A pair of two ends created by this provider.
     *
     * @param client the client end
     * @param server the server end
     * @return the pair
     */
    protected static WebSocketPair newPair(WebSocket client, WebSocket server) {
        return new WebSocketPair(client, server);
    }

    private static WebSocketProvider load() {
        for (ClassLoader loader : new ClassLoader[] {
                WebSocketProvider.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            try {
                Iterator<WebSocketProvider> found = ServiceLoader.load(WebSocketProvider.class, loader).iterator();
                if (found.hasNext()) {
                    return found.next();
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("The wspair engine could not be loaded: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("No wspair engine on the class path: add the dependency "
                + "dev.wspair:wspair-impl (it registers a dev.wspair.WebSocketProvider with ServiceLoader).");
    }
}
