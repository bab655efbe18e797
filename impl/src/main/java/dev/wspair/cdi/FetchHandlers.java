package dev.wspair.cdi;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;

/**
 * Finds the CDI bean of a route's handler and calls it; a {@code @Dependent} one is destroyed after
 * the call. The selection is made once per route and application: Weld builds and resolves a new
 * selection on every {@code select} (about 1.5 KB and a few µs per request in the churn profile).
 */
public final class FetchHandlers {

    private final Instance<Object> beans;
    private final Instance<? extends FetchHandler> handlers;
    /** No bean answers the selection (the application's beans are fixed once it started). */
    private final boolean unsatisfied;
    private final Class<? extends FetchHandler> type;

    private FetchHandlers(Instance<Object> beans, Class<? extends FetchHandler> type, String route) {
        this.beans = beans;
        this.type = type;
        this.handlers = beans.select(type, Route.Literal.of(route));
        this.unsatisfied = handlers.isUnsatisfied();
    }

    /** The handlers of {@code route} among {@code beans}: {@code known} itself when it selected from the same beans. */
    public static FetchHandlers of(FetchHandlers known, Instance<Object> beans, Class<? extends FetchHandler> type,
            String route) {
        return known != null && known.beans == beans ? known : new FetchHandlers(beans, type, route);
    }

    public Response fetch(Request request) throws Exception {
        if (unsatisfied) {
            throw new IllegalStateException(type.getName() + " is not a CDI bean: annotate it with @ApplicationScoped "
                    + "(or @RequestScoped, @Dependent) so that its @Route can be served");
        }
        Instance.Handle<? extends FetchHandler> handle = handlers.getHandle();
        try {
            return handle.get().fetch(request);
        } finally {
            if (handle.getBean().getScope() == Dependent.class) {
                handle.destroy();
            }
        }
    }
}
