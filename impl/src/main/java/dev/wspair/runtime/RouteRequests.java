package dev.wspair.runtime;

import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.jakarta.RouteBinding;
import dev.wspair.jakarta.RouteRoles;
import dev.wspair.metrics.Telemetry;
import jakarta.enterprise.inject.Instance;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one pipeline of a route request, whatever brought it (a servlet, the embedded runtime's
 * handshake or its plain HTTP): the route's roles (401 without a user, 403 without the role),
 * origin check (403), capacity check (503), the handler, then its response written or its
 * WebSocket coupled to the upgraded connection; the route's place is given back unless the
 * connection upgrades (then it goes with the connection).
 */
public final class RouteRequests {

    private static final System.Logger LOG = System.getLogger(RouteRequests.class.getName());

    /**
     * What one kind of request can do; each method may end the request by throwing {@code X}.
     *
     * @param <X> what the adapter throws to answer (an IOException, or a refusal of the handshake)
     */
    public interface Exchange<X extends Exception> {
        /** Sends {@code response}, which has no WebSocket. */
        void respond(Response response) throws X;

        /** Answers 500: the handler failed, or its response cannot be sent ({@code why}). */
        void fail(String why) throws X;

        /**
         * Upgrades with {@code answer}'s WebSocket: {@code coupling} sees the returned end once it is
         * reserved for the response; {@code release} runs once the connection ends (or at once if
         * it does not open).
         *
         * @throws IllegalStateException with workerd's message when the socket cannot be returned
         *     here (the request is no upgrade; the socket was accepted, used, or is a client)
         */
        void upgrade(Response answer, Consumer<RealWebSocket> coupling, Runnable release) throws X;

        /**
         * For a route that needs a user, on a request that has none: asks the container to
         * authenticate the caller with the application's login configuration (its challenge: a 401
         * with {@code WWW-Authenticate} for BASIC, a login page for FORM), or, when it has none,
         * sends {@code refusal}.
         *
         * @return the user the container authenticated (credentials it had not read yet), or null
         *     once the request was answered
         */
        Principal authenticate(Response refusal) throws X;

        /** Whether the container's authenticated user has {@code role}. */
        boolean isUserInRole(String role);
    }

    private final ApplicationRuntime runtime;
    private final Instance<Object> beans;

    RouteRequests(ApplicationRuntime runtime, Instance<Object> beans) {
        this.runtime = runtime;
        this.beans = beans;
    }

    /** Serves {@code request} on {@code route} through {@code exchange}; traced when tracing is on. */
    public <X extends Exception> void serve(RouteBinding route, Request request, Exchange<X> exchange) throws X {
        Telemetry telemetry = runtime.telemetry();
        if (!telemetry.traced() && !telemetry.metered()) {
            gateAndAnswer(route, request, exchange);
            return;
        }
        Telemetry.Request traced = telemetry.request(route.path(), request.isWebSocketUpgrade());
        Answered<X> answered = new Answered<>(exchange);
        try {
            gateAndAnswer(route, request, answered);
        } finally {
            traced.end(answered.status, answered.failed);
        }
    }

    private <X extends Exception> void gateAndAnswer(RouteBinding route, Request asked, Exchange<X> exchange)
            throws X {
        Request request = admitted(route, asked, exchange);
        if (request == null) {
            return;
        }
        Response refused = route.gate().originRefusal(request, runtime.bridge().settings().allowedOrigins());
        if (refused != null) {
            exchange.respond(refused);
            return;
        }
        Runnable place = route.gate().tryOpen();
        if (place == null) {
            exchange.respond(route.gate().fullRefusal());
            return;
        }
        boolean upgrading = false;
        try {
            upgrading = answer(route, request, exchange, place);
        } finally {
            if (!upgrading) {
                place.run();
            }
        }
    }

    /**
     * {@code request} with the user the container authenticated for it, or null once the route's
     * roles refused it (answered); the handler never runs for a refused request.
     */
    private <X extends Exception> Request admitted(RouteBinding route, Request request, Exchange<X> exchange)
            throws X {
        RouteRoles roles = route.roles();
        Request admitted = request;
        if (roles.needsUser() && request.principal() == null) {
            Principal user = exchange.authenticate(roles.unauthorized());
            if (user == null) {
                return null;
            }
            admitted = new Request(request.method(), request.url(), request.headers(), request.pathParams(), user);
        }
        Response refused = roles.refusal(admitted.principal(), exchange::isUserInRole);
        if (refused != null) {
            exchange.respond(refused);
            return null;
        }
        return admitted;
    }

    /** Runs the handler and sends its response; true if the connection upgrades (and {@code place} goes with it). */
    private <X extends Exception> boolean answer(RouteBinding route, Request request, Exchange<X> exchange,
            Runnable place) throws X {
        Response answer;
        try {
            answer = runtime.call(() -> route.fetch(beans, request));
        } catch (Exception e) {
            LOG.log(Level.ERROR, "The handler of " + route.path() + " threw", e);
            exchange.fail("The handler of " + route.path() + " threw");
            return false;
        }
        if (answer == null) {
            LOG.log(Level.ERROR, "The handler of " + route.path() + " returned no Response");
            exchange.fail("The handler of " + route.path() + " returned no Response");
            return false;
        }
        if (answer.webSocket() == null) {
            exchange.respond(answer);
            return false;
        }
        Consumer<RealWebSocket> coupling = returned -> attachRouteEvents(returned, route);
        Runnable release = place;
        AtomicReference<RealWebSocket> metered = null;
        if (runtime.telemetry().metered()) {
            AtomicReference<RealWebSocket> coupled = new AtomicReference<>();
            metered = coupled;
            coupling = returned -> {
                coupled.set(returned);
                runtime.bridge().meter(returned, runtime.telemetry().connection(route.path()));
                attachRouteEvents(returned, route);
            };
            release = () -> {
                runtime.bridge().unmeter(coupled.get());
                place.run();
            };
        }
        try {
            exchange.upgrade(answer, coupling, release);
            return true;
        } catch (IllegalStateException e) {
            if (metered != null) {
                runtime.bridge().unmeter(metered.get());
            }
            LOG.log(Level.ERROR, "The response of " + route.path() + " cannot be sent: " + e.getMessage());
            exchange.fail(e.getMessage());
            return false;
        }
    }

    private void attachRouteEvents(RealWebSocket returned, RouteBinding route) {
        if (runtime.routeEvents() != null) {
            runtime.routeEvents().attach(returned.otherEnd(), route.path());
        }
    }

    /** {@code exchange}, remembering the status it answered (500 until it answers) and whether it failed. */
    private static final class Answered<X extends Exception> implements Exchange<X> {
        private final Exchange<X> exchange;
        int status = 500;
        boolean failed;

        Answered(Exchange<X> exchange) {
            this.exchange = exchange;
        }

        @Override
        public void respond(Response response) throws X {
            status = response.status(); // first: an adapter may answer by throwing
            exchange.respond(response);
        }

        @Override
        public void fail(String why) throws X {
            status = 500;
            failed = true;
            exchange.fail(why);
        }

        @Override
        public void upgrade(Response answer, Consumer<RealWebSocket> coupling, Runnable release) throws X {
            status = 101; // a refusal comes back through fail()
            exchange.upgrade(answer, coupling, release);
        }

        @Override
        public Principal authenticate(Response refusal) throws X {
            int before = status;
            status = refusal.status(); // first: an adapter may answer by throwing; a login page counts as this
            Principal user = exchange.authenticate(refusal);
            if (user != null) {
                status = before;
            }
            return user;
        }

        @Override
        public boolean isUserInRole(String role) {
            return exchange.isUserInRole(role);
        }
    }
}
