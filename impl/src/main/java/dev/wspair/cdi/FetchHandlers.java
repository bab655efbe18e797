package dev.wspair.cdi;

import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;

/** Finds the CDI bean of a route's handler and calls it; a {@code @Dependent} one is destroyed after the call. */
public final class FetchHandlers {

    private FetchHandlers() {
    }

    public static Response fetch(Instance<Object> beans, Class<? extends FetchHandler> type, String route,
            Request request) throws Exception {
        Instance<? extends FetchHandler> found = beans.select(type, Route.Literal.of(route));
        if (found.isUnsatisfied()) {
            throw new IllegalStateException(type.getName() + " is not a CDI bean: annotate it with @ApplicationScoped "
                    + "(or @RequestScoped, @Dependent) so that its @Route can be served");
        }
        Instance.Handle<? extends FetchHandler> handle = found.getHandle();
        try {
            return handle.get().fetch(request);
        } finally {
            if (handle.getBean().getScope() == Dependent.class) {
                handle.destroy();
            }
        }
    }
}
