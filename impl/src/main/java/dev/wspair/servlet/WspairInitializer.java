package dev.wspair.servlet;

import dev.wspair.FetchHandler;
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
 * name are declared to the container.
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
        context.addListener(lifecycle);
    }
}
