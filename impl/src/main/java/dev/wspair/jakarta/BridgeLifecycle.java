package dev.wspair.jakarta;

import dev.wspair.Compatibility;
import dev.wspair.cdi.RequestScopes;
import dev.wspair.cdi.RouteEvents;
import dev.wspair.engine.Engine;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * At deployment: registers the bridge's endpoint (Payara upgrades only with a registered config,
 * matched by its path) and puts the application's sockets on the container's managed executor
 * with a CDI request context around each delivery. At undeploy: closes every bridged connection
 * with 1001.
 */
final class BridgeLifecycle implements ServletContextListener {

    /** Where the bridge's endpoint is registered; only upgrades from a route reach it with a waiting socket. */
    static final String BRIDGE_PATH = "/wspair-bridge/{" + BridgeEndpoint.RETURNED_END + "}";
    private static final String CONFIG_ATTRIBUTE = BridgeLifecycle.class.getName() + ".config";
    private static final String MANAGED_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    private static final System.Logger LOG = System.getLogger(BridgeLifecycle.class.getName());

    static ServerEndpointConfig bridgeConfig(ServletContext context) {
        return (ServerEndpointConfig) context.getAttribute(CONFIG_ATTRIBUTE);
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        BridgeSettings.reload(context::getInitParameter);
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            LOG.log(Level.ERROR, "No Jakarta WebSocket container in " + context.getContextPath() + ": wspair routes cannot upgrade");
            return;
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(BridgeEndpoint.class, BRIDGE_PATH)
                .extensions(Compression.extensions(container, Compatibility.current())).build();
        try {
            container.addEndpoint(config);
        } catch (DeploymentException e) {
            throw new IllegalStateException("Registering the wspair bridge endpoint failed", e);
        }
        context.setAttribute(CONFIG_ATTRIBUTE, config);
        Engine.setShared(new Engine(managedExecutor(), null, RequestScopes.of(CDI.current())));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        OpenConnections.closeAll();
        RouteEvents.reset();
    }

    private static Executor managedExecutor() {
        try {
            return (Executor) new InitialContext().lookup(MANAGED_EXECUTOR);
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.WARNING, "No " + MANAGED_EXECUTOR + "; WebSocket events run on wspair's own pool", e);
            return Engine.defaults().executor();
        }
    }
}
