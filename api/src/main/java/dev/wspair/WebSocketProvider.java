package dev.wspair;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Service-provider interface: creates the engines behind {@link WebSocket}s. {@code wspair-impl}
 * registers one through {@link ServiceLoader}; applications never use this class.
 */
public abstract class WebSocketProvider {

    protected WebSocketProvider() {
    }

    private static volatile WebSocketProvider loaded;

    /**
     * The provider found on the class path.
     *
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

    /** Creates the two connected ends of a new pair: client (index 0), then server (index 1). */
    protected abstract WebSocket[] newPairEnds();

    /**
     * Starts connecting {@code webSocket} ({@code new WebSocket(url, protocols)}), after validating the
     * arguments; events follow on the socket.
     *
     * @param protocolsGivenAsList whether the protocols came as a list (JavaScript's array form),
     *     which changes workerd's error messages
     */
    protected abstract WebSocketImpl connect(WebSocket webSocket, String url, java.util.List<String> protocols,
            boolean protocolsGivenAsList, ClientOptions options);

    /** {@link Fetch#upgrade(String, ClientOptions)}. */
    protected abstract java.util.concurrent.CompletionStage<Response> fetchUpgrade(String url, ClientOptions options);

    /**
     * The compatibility settings of the application the calling thread works for ({@link
     * Compatibility#current()}); by default those of the system properties.
     */
    protected Compatibility currentCompatibility() {
        return Compatibility.fromSystemProperties();
    }

    /**
     * Sets the compatibility settings of the application the calling thread works for ({@link
     * Compatibility#setDefault}); {@code null} returns to its configured ones.
     */
    protected void setCurrentCompatibility(Compatibility compatibility) {
        throw new UnsupportedOperationException("This wspair engine has no per-application compatibility settings");
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

    /** Wraps an engine in the public {@code WebSocket} type. */
    protected static WebSocket newWebSocket(WebSocketImpl impl) {
        return new WebSocket(impl);
    }

    /** The engine behind a {@code WebSocket}. */
    protected static WebSocketImpl implOf(WebSocket webSocket) {
        return webSocket.impl;
    }

    /** A pair of two ends created by this provider. */
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
