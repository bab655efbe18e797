package dev.wspair.embedded;

import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.cdi.RouteEvents;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.jakarta.BridgeEndpoint;
import dev.wspair.jakarta.RouteBinding;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.spi.UpgradeResponse;

/**
 * Runs a route's handler inside Tyrus's handshake, as a Worker's {@code fetch} answers an upgrade
 * request: a 101 response with a WebSocket carries the returned end to the new connection; any
 * other response refuses the handshake with its status and headers.
 */
final class HandshakeRoute extends ServerEndpointConfig.Configurator {

    private static final System.Logger LOG = System.getLogger(HandshakeRoute.class.getName());

    private final RouteBinding route;
    private final Instance<Object> beans;
    private final BeanManager beanManager;

    HandshakeRoute(RouteBinding route, Instance<Object> beans, BeanManager beanManager) {
        this.route = route;
        this.beans = beans;
        this.beanManager = beanManager;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest handshake, HandshakeResponse response) {
        Map<String, String> params = route.match(handshake.getRequestURI().getPath());
        Request request = new Request("GET", urlOf(handshake), handshake.getHeaders(),
                params == null ? Map.of() : params, handshake.getUserPrincipal());
        Response refused = route.gate().originRefusal(request);
        if (refused != null) {
            throw refuse(response, refused);
        }
        Runnable place = route.gate().tryOpen();
        if (place == null) {
            throw refuse(response, route.gate().fullRefusal());
        }
        boolean upgrading = false;
        try {
            upgrading = answer(config, request, response, place);
        } finally {
            if (!upgrading) {
                place.run();
            }
        }
    }

    /** Runs the handler; true when its response upgrades the connection (and {@code place} goes with it). */
    private boolean answer(ServerEndpointConfig config, Request request, HandshakeResponse response, Runnable place) {
        Response answer;
        try {
            answer = route.fetch(beans, request);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "The handler of " + route.path() + " threw", e);
            throw refuse(response, 500, "The handler of " + route.path() + " threw");
        }
        if (answer.webSocket() == null) {
            throw refuse(response, answer);
        }
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, List.of(value)));
        RealWebSocket returned = RealWebSocket.of(answer.webSocket());
        try {
            returned.reserveForResponse();
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, "The response of " + route.path() + " cannot be sent: " + e.getMessage());
            throw refuse(response, 500, e.getMessage());
        }
        RouteEvents.attach(beanManager, returned.otherEnd(), route.path());
        BridgeEndpoint.carry(config.getUserProperties(), returned, place);
        return true;
    }

    private static RuntimeException refuse(HandshakeResponse response, Response answer) {
        return refuse(response, answer.status(), answer.body() == null ? "" : answer.body(), answer.headers());
    }

    /** Tyrus's request URI has no query; the handler's Request has the whole URL. */
    private static java.net.URI urlOf(HandshakeRequest handshake) {
        java.net.URI uri = handshake.getRequestURI();
        String query = handshake.getQueryString();
        return query == null || uri.getRawQuery() != null ? uri : java.net.URI.create(uri + "?" + query);
    }

    private static RuntimeException refuse(HandshakeResponse response, int status, String message) {
        return refuse(response, status, message, Map.of());
    }

    /**
     * Refuses the handshake with {@code status}: Tyrus answers a {@link HandshakeException} from
     * here with that status. It has already put the 101's headers in, so they are taken out.
     */
    private static RuntimeException refuse(HandshakeResponse response, int status, String message,
            Map<String, String> headers) {
        for (String upgradeOnly : List.of("Upgrade", "Connection", HandshakeResponse.SEC_WEBSOCKET_ACCEPT,
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions")) {
            response.getHeaders().keySet().removeIf(upgradeOnly::equalsIgnoreCase);
        }
        headers.forEach((name, value) -> response.getHeaders().put(name, List.of(value)));
        response.getHeaders().put("Content-Length", List.of("0"));
        response.getHeaders().put("Connection", List.of("close"));
        if (response instanceof UpgradeResponse) {
            ((UpgradeResponse) response).setReasonPhrase(ReasonPhrases.of(status));
        }
        return uncheckedThrow(new HandshakeException(status, message));
    }

    /** Throws a checked exception through a signature that cannot declare it (modifyHandshake). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException uncheckedThrow(Throwable thrown) throws T {
        throw (T) thrown;
    }
}
