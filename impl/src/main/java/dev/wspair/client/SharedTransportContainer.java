package dev.wspair.client;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.util.Map;
import org.glassfish.tyrus.spi.ClientContainer;
import org.glassfish.tyrus.spi.ClientEngine;

/**
 * Tyrus's client container for the connections of a {@link SharedTransport}. Tyrus makes it by its
 * class name (a public no-argument constructor); the transport it connects over is in the Tyrus
 * client's properties, so nothing of a runtime lives here.
 */
public final class SharedTransportContainer implements ClientContainer {

    public SharedTransportContainer() {
        // made by Tyrus's ClientManager
    }

    @Override
    public void openClientSocket(ClientEndpointConfig config, Map<String, Object> properties, ClientEngine engine)
            throws DeploymentException, IOException {
        Object transport = properties.get(SharedTransport.PROPERTY);
        if (!(transport instanceof SharedTransport)) {
            throw new DeploymentException("This Tyrus client was not made by a SharedTransport");
        }
        ((SharedTransport) transport).open(engine);
    }
}
