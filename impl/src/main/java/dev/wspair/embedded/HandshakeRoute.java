package dev.wspair.embedded;

import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.jakarta.BridgeEndpoint;
import dev.wspair.jakarta.RouteBinding;
import dev.wspair.runtime.ApplicationRuntime;
import dev.wspair.runtime.RouteRequests;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.spi.UpgradeResponse;

/**
 * Runs a route's handler inside Tyrus's handshake, as a Worker's {@code fetch} answers an upgrade
 * request: a 101 response with a WebSocket carries the returned end to the new connection; any
 * other response refuses the handshake with its status and headers.
 */
final class HandshakeRoute extends ServerEndpointConfig.Configurator {

    private final RouteBinding route;
    private final ApplicationRuntime runtime;

    HandshakeRoute(RouteBinding route, ApplicationRuntime runtime) {
        this.route = route;
        this.runtime = runtime;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new BridgeEndpoint(runtime.bridge()));
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest handshake, HandshakeResponse response) {
        Map<String, String> params = route.match(handshake.getRequestURI().getPath());
        Request request = new Request("GET", urlOf(handshake), handshake.getHeaders(),
                params == null ? Map.of() : params, handshake.getUserPrincipal());
        runtime.routeRequests().serve(route, request, new HandshakeExchange(handshake, response));
    }

    /** A route request inside Tyrus's handshake: any answer but an upgrade refuses the handshake with its status. */
    private final class HandshakeExchange implements RouteRequests.Exchange<RuntimeException> {
        private final HandshakeRequest handshake;
        private final HandshakeResponse response;

        HandshakeExchange(HandshakeRequest handshake, HandshakeResponse response) {
            this.handshake = handshake;
            this.response = response;
        }

        @Override
        public void respond(Response answer) {
            throw refuse(response, answer);
        }

        @Override
        public void fail(String why) {
            throw refuse(response, 500, why);
        }

        @Override
        public void upgrade(Response answer, Consumer<RealWebSocket> coupling, Runnable release) {
            RealWebSocket returned = RealWebSocket.of(answer.webSocket());
            returned.reserveForResponse();
            answer.headers().forEach((name, value) -> response.getHeaders().put(name, List.of(value)));
            coupling.accept(returned);
            BridgeEndpoint.carry(runtime.bridge(), returned, release);
        }

        /** Tyrus alone has no login: EmbeddedServer refuses routes that need a user, so this is not reached. */
        @Override
        public Principal authenticate(Response refusal) {
            throw refuse(response, refusal);
        }

        @Override
        public boolean isUserInRole(String role) {
            return handshake.isUserInRole(role);
        }
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
