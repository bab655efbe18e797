package dev.wspair.servlet;

import dev.wspair.jakarta.BridgeEndpoint;
import dev.wspair.jakarta.Compression;
import dev.wspair.jakarta.WebSocketUpgrade;
import dev.wspair.runtime.ApplicationRuntime;
import dev.wspair.runtime.RuntimeExecutors;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The application's runtime, from the application's start to its stop. At start: the runtime
 * (settings from the context-params, the server's managed executors, the class loader of the
 * application registered so its threads find it) and the bridge's endpoint (Payara upgrades only
 * with a registered config, matched by its path); with {@code wspair.cluster.members} set, the
 * application joins its cluster. At stop: the runtime closes, which leaves the cluster (its objects
 * move to the other nodes) and closes every bridged connection with 1001 before CDI and the
 * executors go.
 */
final class BridgeLifecycle implements ServletContextListener {

    /** Where the bridge's endpoint is registered; only upgrades from a route reach it with a waiting socket. */
    static final String BRIDGE_PATH = "/wspair-bridge/{" + BridgeEndpoint.RETURNED_END + "}";
    private static final System.Logger LOG = System.getLogger(BridgeLifecycle.class.getName());

    private volatile ApplicationRuntime runtime;

    /** The application's runtime, once the application started. */
    ApplicationRuntime runtime() {
        ApplicationRuntime started = runtime;
        if (started == null) {
            throw new IllegalStateException("The wspair runtime of this application has not started");
        }
        return started;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        String name = context.getContextPath().isEmpty() ? "root" : context.getContextPath().substring(1);
        runtime = ApplicationRuntime.builder(name)
                .settings(context::getInitParameter)
                .beans(beanManager())
                .executors(RuntimeExecutors.managed(name))
                .classLoader(context.getClassLoader())
                .start();
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            LOG.log(Level.ERROR, "No Jakarta WebSocket container in " + context.getContextPath() + ": wspair routes cannot upgrade");
            return;
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(BridgeEndpoint.class, BRIDGE_PATH)
                .configurator(new EndpointOfThisApplication(runtime))
                .extensions(Compression.extensions(container, runtime.compatibility())).build();
        try {
            container.addEndpoint(config);
        } catch (DeploymentException e) {
            runtime.close();
            throw new IllegalStateException("Registering the wspair bridge endpoint failed", e);
        }
        WebSocketUpgrade.deploy(context, runtime.bridge(), config);
        if (runtime.cluster() != null) {
            joinCluster(context);
        }
    }

    /**
     * Joins the cluster before the application serves: its objects live where the cluster says from
     * its first request on. The other nodes reach this one at {@code wspair.cluster.advertise}, by
     * default the server's HTTP listener where the server publishes it ({@link ServerUrl}). A node
     * that cannot join fails the deployment, as a cluster of one would quietly split the objects.
     */
    private void joinCluster(ServletContext context) {
        try {
            runtime.joinCluster(ServerUrl.of(context.getContextPath(), runtime.cluster().settings().bindAddress()));
        } catch (RuntimeException | LinkageError e) {
            runtime.close();
            throw new IllegalStateException("The application " + context.getContextPath() + " did not join its cluster: "
                    + e.getMessage(), e);
        }
    }

    /**
     * This application's bean manager. {@code java:comp/BeanManager} is the module's own; {@code
     * CDI.current()} finds the bean manager of its caller's archive, which for wspair in an EAR's
     * {@code lib/} is the library's, blind to the WAR's routes.
     */
    private static BeanManager beanManager() {
        try {
            return (BeanManager) new InitialContext().lookup("java:comp/BeanManager");
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.DEBUG, "No java:comp/BeanManager; using CDI.current()", e);
            return CDI.current().getBeanManager();
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Gives the container a bridge endpoint of this application's runtime for each connection. */
    private static final class EndpointOfThisApplication extends ServerEndpointConfig.Configurator {
        private final ApplicationRuntime runtime;

        EndpointOfThisApplication(ApplicationRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            Endpoint endpoint = new BridgeEndpoint(runtime.bridge());
            return endpointClass.cast(endpoint);
        }
    }
}
