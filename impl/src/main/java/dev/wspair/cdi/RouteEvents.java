package dev.wspair.cdi;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.Event;
import dev.wspair.EventType;
import dev.wspair.MessageEvent;
import dev.wspair.Route;
import dev.wspair.engine.RealWebSocket;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fires the {@code message}, {@code close} and {@code error} events of every socket a route serves
 * as CDI events qualified with the route's {@link Route}, to {@code @Observes} observers (in the
 * socket's serial order, after its own listeners) and {@code @ObservesAsync} ones. Types without
 * observers cost nothing per message. One per application: the observers are resolved once per
 * route, in the application's bean manager.
 */
public final class RouteEvents {

    private final BeanManager beans;
    private final Map<String, Channels> byRoute = new ConcurrentHashMap<>();

    /** The route events of the application whose beans are {@code beans}. */
    public RouteEvents(BeanManager beans) {
        this.beans = beans;
    }

    /** Fires the events of {@code socket} (the server end of a response) for {@code route}. */
    public void attach(RealWebSocket socket, String route) {
        if (socket == null) {
            return;
        }
        Channels channels = byRoute.computeIfAbsent(route, r -> new Channels(beans, r));
        channels.message.attach(socket, EventType.MESSAGE);
        channels.close.attach(socket, EventType.CLOSE);
        channels.error.attach(socket, EventType.ERROR);
    }

    /** The three channels of one route. */
    private static final class Channels {
        final Channel<MessageEvent> message;
        final Channel<CloseEvent> close;
        final Channel<ErrorEvent> error;

        Channels(BeanManager beans, String route) {
            Route qualifier = Route.Literal.of(route);
            this.message = new Channel<>(beans, qualifier, MessageEvent.class, new MessageEvent(null, ""));
            this.close = new Channel<>(beans, qualifier, CloseEvent.class, new CloseEvent(null, 1000, "", true));
            this.error = new Channel<>(beans, qualifier, ErrorEvent.class, new ErrorEvent(null, "", null));
        }
    }

    private static final class Channel<E extends Event> {
        private final jakarta.enterprise.event.Event<E> event;
        private final boolean sync;
        private final boolean async;

        Channel(BeanManager beans, Route qualifier, Class<E> type, E sample) {
            this.event = beans.getEvent().select(type, qualifier);
            Set<ObserverMethod<? super E>> observers = beans.resolveObserverMethods(sample, qualifier);
            this.sync = observers.stream().anyMatch(o -> !o.isAsync());
            this.async = observers.stream().anyMatch(ObserverMethod::isAsync);
        }

        void attach(RealWebSocket socket, EventType<E> type) {
            if (sync || async) {
                socket.shell().addEventListener(type, this::fire);
            }
        }

        private void fire(E fired) {
            if (sync) {
                event.fire(fired);
            }
            if (async) {
                event.fireAsync(fired);
            }
        }
    }
}
