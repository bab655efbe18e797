package dev.wspair.servlet;

import dev.wspair.FetchHandler;
import dev.wspair.cluster.Cluster;
import dev.wspair.cluster.ClusterSettings;
import dev.wspair.jakarta.BridgeSettings;
import dev.wspair.jakarta.RouteBinding;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.HandlesTypes;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deploys the bridge in a WAR: a servlet for the routes ({@code @Route} classes implementing
 * {@link FetchHandler}, found by the container) and the listener that starts the application's
 * runtime and registers the bridge's endpoint. Runs on WildFly and Payara from {@code WEB-INF/lib}.
 * A route whose role annotations contradict each other fails the deployment; the roles the routes
 * name are declared to the container. With {@code wspair.cluster.members} set, a servlet for the
 * cluster's link route too.
 */
@HandlesTypes(FetchHandler.class)
public final class WspairInitializer implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(WspairInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Map<String, List<RouteBinding>> byPattern = new LinkedHashMap<>();
        Set<String> roles = new TreeSet<>();
        if (classes != null) {
            for (Class<?> candidate : classes) {
                if (RouteBinding.isRoute(candidate)) {
                    RouteBinding route = new RouteBinding(candidate.asSubclass(FetchHandler.class));
                    byPattern.computeIfAbsent(route.servletPattern(), p -> new ArrayList<>()).add(route);
                    roles.addAll(route.roles().roleNames());
                }
            }
        }
        if (!roles.isEmpty()) {
            // as @DeclareRoles would: Payara's isUserInRole is false for a role the application never declared
            context.declareRoles(roles.toArray(String[]::new));
        }
        BridgeLifecycle lifecycle = new BridgeLifecycle();
        byPattern.forEach((pattern, routes) -> {
            ServletRegistration.Dynamic servlet = context.addServlet("wspair " + pattern, new RouteServlet(routes, lifecycle));
            Set<String> taken = servlet.addMapping(pattern);
            if (!taken.isEmpty()) {
                LOG.log(Level.WARNING, "The application maps " + taken + " itself; the routes " + routes + " are not served");
            }
            LOG.log(Level.INFO, "wspair routes " + routes);
        });
        if (clusterSettings(context).enabled()) {
            // added here, as a listener may not add servlets; it serves once the runtime has joined
            ServletRegistration.Dynamic link = context.addServlet("wspair cluster link", RouteServlet.link(lifecycle));
            Set<String> taken = link.addMapping(Cluster.LINK_PATH);
            if (!taken.isEmpty()) {
                throw new IllegalStateException("The application maps " + taken + " itself: the cluster's link route"
                        + " needs it");
            }
        }
        context.addListener(lifecycle);
    }

    /** The cluster settings the runtime will read (the same chain), without loading Hazelcast. */
    static ClusterSettings clusterSettings(ServletContext context) {
        return ClusterSettings.read(BridgeSettings.chain(context::getInitParameter));
    }
}
