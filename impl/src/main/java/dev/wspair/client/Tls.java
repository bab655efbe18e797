package dev.wspair.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Constructor;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Hands a TLS context to the container's client, whose key differs: Undertow reads the context
 * from the endpoint config's user properties under {@code io.undertow.websocket.SSL_CONTEXT};
 * Tyrus reads an {@code SslEngineConfigurator} under {@code
 * org.glassfish.tyrus.client.sslEngineConfigurator} from its {@code ClientManager}'s properties
 * only (not from the endpoint config), and {@code ContainerProvider} gives a new {@code
 * ClientManager} for each connection, so the property set there holds for this connection alone.
 * Without a context, both use the JDK's default context and trust store.
 */
final class Tls {

    private static final String TYRUS_KEY = "org.glassfish.tyrus.client.sslEngineConfigurator";
    private static final String TYRUS_CONFIGURATOR = "org.glassfish.tyrus.client.SslEngineConfigurator";
    private static final String TYRUS_CLIENT = "org.glassfish.tyrus.client.ClientManager";
    private static final String UNDERTOW_KEY = "io.undertow.websocket.SSL_CONTEXT";

    private Tls() {
    }

    static void configure(WebSocketContainer container, ClientEndpointConfig config, SSLContext context) {
        config.getUserProperties().put(UNDERTOW_KEY, context);
        if (!container.getClass().getName().equals(TYRUS_CLIENT)) {
            return;
        }
        try {
            Class<?> type = Class.forName(TYRUS_CONFIGURATOR, true, container.getClass().getClassLoader());
            Constructor<?> constructor = type.getConstructor(SSLContext.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) container.getClass().getMethod("getProperties")
                    .invoke(container);
            properties.put(TYRUS_KEY, constructor.newInstance(context));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("This Tyrus client cannot be given a TLS context: " + e, e);
        }
    }
}
