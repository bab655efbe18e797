package dev.wspair.client;

import jakarta.websocket.ClientEndpointConfig;
import java.lang.reflect.Constructor;
import javax.net.ssl.SSLContext;

/**
 * Hands a TLS context to the container's client, whose key differs: Tyrus takes an
 * {@code SslEngineConfigurator} under {@code org.glassfish.tyrus.client.sslEngineConfigurator},
 * Undertow the context under {@code io.undertow.websocket.SSL_CONTEXT}. Without one, both use the
 * JDK's default context and trust store.
 */
final class Tls {

    private static final String TYRUS_KEY = "org.glassfish.tyrus.client.sslEngineConfigurator";
    private static final String TYRUS_CONFIGURATOR = "org.glassfish.tyrus.client.SslEngineConfigurator";
    private static final String UNDERTOW_KEY = "io.undertow.websocket.SSL_CONTEXT";

    private Tls() {
    }

    static void configure(ClientEndpointConfig config, SSLContext context) {
        config.getUserProperties().put(UNDERTOW_KEY, context);
        try {
            Class<?> type = Class.forName(TYRUS_CONFIGURATOR, true, Thread.currentThread().getContextClassLoader());
            Constructor<?> constructor = type.getConstructor(SSLContext.class);
            config.getUserProperties().put(TYRUS_KEY, constructor.newInstance(context));
        } catch (ReflectiveOperationException e) {
            // not Tyrus: Undertow's key is set
        }
    }
}
