package dev.wspair.jakarta;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.cdi.FetchHandlers;
import java.util.Map;

/**
 * A {@link FetchHandler} class bound to its {@link Route}'s template; or one of wspair's own routes
 * ({@link #internal}), whose handler is an object, not a bean.
 */
public final class RouteBinding {

    private final RouteTemplate template;
    private final Class<? extends FetchHandler> handler;
    private final RouteGate gate;
    private final RouteRoles roles;
    /** The handler of an internal route; null for a CDI bean's route. */
    private final FetchHandler instance;
    /** The handler's beans as last selected (racy by design: a race selects again). */
    private volatile FetchHandlers selected;

    /**
     * Binds {@code handler} to its {@code @Route}.
     *
     * @throws IllegalArgumentException without {@code @Route}, or with contradicting role annotations
     */
    public RouteBinding(Class<? extends FetchHandler> handler) {
        Route route = handler.getAnnotation(Route.class);
        if (route == null) {
            throw new IllegalArgumentException(handler.getName() + " implements FetchHandler but has no @Route");
        }
        this.template = new RouteTemplate(route.value());
        this.handler = handler;
        this.gate = new RouteGate(route.value(), route);
        this.roles = RouteRoles.of(route.value(), handler);
        this.instance = null;
    }

    private RouteBinding(String path, FetchHandler instance) {
        this.template = new RouteTemplate(path);
        this.handler = instance.getClass();
        this.gate = new RouteGate(path, java.util.List.of("*"), 0);
        this.roles = RouteRoles.of(path, instance.getClass());
        this.instance = instance;
    }

    /**
     * One of wspair's own routes (the cluster's link): {@code handler} answers every request on
     * {@code path}, from any origin, without a connection limit or roles; it checks its callers itself.
     */
    public static RouteBinding internal(String path, FetchHandler handler) {
        return new RouteBinding(path, handler);
    }

    /** Who may use the route ({@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll}): checked first. */
    public RouteRoles roles() {
        return roles;
    }

    /** The origin and connection checks that run before the handler. */
    public RouteGate gate() {
        return gate;
    }

    /** The {@link FetchHandler} classes among {@code candidates} that can serve requests. */
    public static boolean isRoute(Class<?> candidate) {
        return FetchHandler.class.isAssignableFrom(candidate) && !candidate.isInterface()
                && !java.lang.reflect.Modifier.isAbstract(candidate.getModifiers())
                && candidate.isAnnotationPresent(Route.class);
    }

    /**
     * The headers to send with a plain response. One that carries {@code Upgrade} (a 426) also gets
     * {@code Connection: close}: Grizzly (Payara, the embedded runtime) treats such a response as
     * an upgraded connection and would hold it open.
     */
    public static Map<String, String> headersOf(Response response) {
        if (response.headers().keySet().stream().noneMatch("Upgrade"::equalsIgnoreCase)) {
            return response.headers();
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
        headers.put("Connection", "close");
        return headers;
    }

    /** The servlet mapping that covers this route's paths. */
    public String servletPattern() {
        return template.servletPattern();
    }

    public String path() {
        return template.template();
    }

    Class<? extends FetchHandler> handler() {
        return handler;
    }

    public Map<String, String> match(String path) {
        return template.match(path);
    }

    /** Calls the handler's CDI bean among {@code beans}. */
    public Response fetch(jakarta.enterprise.inject.Instance<Object> beans, Request request) throws Exception {
        if (instance != null) {
            return instance.fetch(request);
        }
        FetchHandlers known = selected;
        FetchHandlers handlers = FetchHandlers.of(known, beans, handler, path());
        if (handlers != known) {
            selected = handlers;
        }
        return handlers.fetch(request);
    }

    @Override
    public String toString() {
        return template + " -> " + handler.getName();
    }
}
