package dev.wspair.servlet;

import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.jakarta.RouteBinding;
import dev.wspair.jakarta.WebSocketUpgrade;
import dev.wspair.runtime.RouteRequests;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Serves the routes under one servlet mapping the way a Worker's {@code fetch} serves a request:
 * the route's handler answers, and a response with a WebSocket upgrades the connection.
 */
final class RouteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<List<RouteBinding>> routes;
    private final transient BridgeLifecycle application;

    /** The runtime is {@code application}'s: it starts before the servlet serves its first request. */
    RouteServlet(List<RouteBinding> routes, BridgeLifecycle application) {
        List<RouteBinding> fixed = List.copyOf(routes);
        this.routes = () -> fixed;
        this.application = application;
    }

    private RouteServlet(Supplier<List<RouteBinding>> routes, BridgeLifecycle application) {
        this.routes = routes;
        this.application = application;
    }

    /**
     * Serves the cluster's link route ({@code /_wspair/link}), which exists only once the runtime
     * started: the other nodes reach this node's Durable Objects through it.
     */
    static RouteServlet link(BridgeLifecycle application) {
        return new RouteServlet(() -> {
            RouteBinding link = application.runtime().linkRoute();
            return link == null ? List.of() : List.of(link);
        }, application);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        for (RouteBinding route : routes.get()) {
            Map<String, String> params = route.match(path);
            if (params != null) {
                application.runtime().routeRequests().serve(route, request(req, params), new ServletExchange(req, resp));
                return;
            }
        }
        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** A route request from a servlet: plain responses written, upgrades through {@link WebSocketUpgrade}. */
    private record ServletExchange(HttpServletRequest req, HttpServletResponse resp)
            implements RouteRequests.Exchange<IOException> {
        @Override
        public void respond(Response response) throws IOException {
            write(response, resp);
        }

        @Override
        public void fail(String why) throws IOException {
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }

        @Override
        public void upgrade(Response answer, Consumer<RealWebSocket> coupling, Runnable release) throws IOException {
            WebSocketUpgrade.upgrade(req, resp, answer, coupling, release);
        }

        /**
         * The container's login, as for a resource under a security constraint: {@code
         * authenticate} reads credentials the container did not look at (a preemptive BASIC
         * header), or sends its challenge and returns false. Without a login configuration it
         * throws, and the refusal (a 401 without {@code WWW-Authenticate}) goes out instead.
         */
        @Override
        public Principal authenticate(Response refusal) throws IOException {
            try {
                if (req.authenticate(resp) && req.getUserPrincipal() != null) {
                    return req.getUserPrincipal();
                }
                if (resp.isCommitted() || resp.getStatus() != HttpServletResponse.SC_OK) {
                    return null;
                }
            } catch (ServletException e) {
                // no login configuration: nothing in the container can ask for credentials
            }
            write(refusal, resp);
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return req.isUserInRole(role);
        }
    }

    static Request request(HttpServletRequest req, Map<String, String> params) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(req.getHeaders(name))));
        }
        String query = req.getQueryString();
        URI url = URI.create(req.getRequestURL() + (query == null ? "" : "?" + query));
        return new Request(req.getMethod(), url, headers, params, req.getUserPrincipal());
    }

    static void write(Response answer, HttpServletResponse resp) throws IOException {
        resp.setStatus(answer.status());
        RouteBinding.headersOf(answer).forEach(resp::setHeader);
        if (answer.body() != null) {
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (resp.getContentType() == null) {
                resp.setContentType("text/plain;charset=UTF-8");
            }
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }
}
