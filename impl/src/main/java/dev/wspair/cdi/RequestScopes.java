package dev.wspair.cdi;

import dev.wspair.engine.DeliveryScope;
import jakarta.enterprise.context.Conversation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Activates a CDI request context around each delivery of a socket's events, so that listeners
 * and observers can use {@code @RequestScoped} beans (JSR-356 leaves this undefined); not made for
 * an application that has none. Where a request context is already active, it is used as it is.
 *
 * <p>Looking a controller up costs more than the delivery itself (3.4 µs on Weld), so controllers
 * are kept for reuse, one per delivery running at the same time.
 */
public final class RequestScopes implements DeliveryScope {

    private static final System.Logger LOG = System.getLogger(RequestScopes.class.getName());

    private final Instance<RequestContextController> controllers;
    private final ConcurrentLinkedQueue<Instance.Handle<RequestContextController>> idle = new ConcurrentLinkedQueue<>();

    private RequestScopes(Instance<RequestContextController> controllers) {
        this.controllers = controllers;
    }

    /**
     * For the application whose beans are {@code beans}: a request context around each delivery, or
     * {@link DeliveryScope#NONE} when no bean it can inject is request-scoped (its own, a library's or
     * the container's), so that no listener could use one. Beans that need an HTTP request do not
     * count, as no delivery has one: the built-in {@link Conversation} (the request's conversation
     * context) and the {@code HttpServletRequest} that Weld adds in every web application on WildFly
     * and Payara (outside a servlet request it throws). Activating and ending a Weld request context
     * costs about 0.5 µs and 1.5 KB of garbage per delivery. The choice is logged once, with the beans
     * that made it.
     */
    public static DeliveryScope of(BeanManager manager, Instance<Object> beans) {
        List<String> usable = new ArrayList<>();
        for (Bean<?> bean : manager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (bean.getScope() == RequestScoped.class && !needsHttpRequest(bean)) {
                usable.add(bean.getBeanClass().getName());
            }
        }
        if (usable.isEmpty()) {
            LOG.log(Level.DEBUG, "No CDI request context around deliveries: the application has no request-scoped bean");
            return DeliveryScope.NONE;
        }
        int named = Math.min(usable.size(), 5);
        LOG.log(Level.INFO, "A CDI request context around each WebSocket delivery, for " + usable.size()
                + " request-scoped beans: " + String.join(", ", usable.subList(0, named))
                + (usable.size() > named ? " and " + (usable.size() - named) + " more" : ""));
        return new RequestScopes(beans.select(RequestContextController.class));
    }

    private static boolean needsHttpRequest(Bean<?> bean) {
        for (Type type : bean.getTypes()) {
            if (type == Conversation.class || type.getTypeName().equals("jakarta.servlet.http.HttpServletRequest")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void deliver(Runnable delivery) {
        Instance.Handle<RequestContextController> handle = idle.poll();
        if (handle == null) {
            handle = controllers.getHandle();
        }
        RequestContextController controller = handle.get();
        boolean activated = controller.activate();
        try {
            delivery.run();
        } finally {
            if (activated) {
                controller.deactivate();
            }
            idle.offer(handle);
        }
    }
}
