package dev.wspair.jakarta;

import dev.wspair.Request;
import dev.wspair.Response;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the routes under one servlet mapping the way a Worker's {@code fetch} serves a request:
 * the route's handler answers, and a response with a WebSocket upgrades the connection.
 */
final class RouteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(RouteServlet.class.getName());

    private final transient List<RouteBinding> routes;

    RouteServlet(List<RouteBinding> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        for (RouteBinding route : routes) {
            Map<String, String> params = route.match(path);
            if (params != null) {
                serve(route, params, req, resp);
                return;
            }
        }
        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private static void serve(RouteBinding route, Map<String, String> params, HttpServletRequest req,
            HttpServletResponse resp) throws IOException {
        Request request = request(req, params);
        Response refused = route.gate().originRefusal(request);
        if (refused != null) {
            write(refused, resp);
            return;
        }
        Runnable place = route.gate().tryOpen();
        if (place == null) {
            write(route.gate().fullRefusal(), resp);
            return;
        }
        boolean upgrading = false;
        try {
            upgrading = answer(route, request, req, resp, place);
        } finally {
            if (!upgrading) {
                place.run();
            }
        }
    }

    /** Runs the handler and sends its response; true if the connection upgrades (and {@code place} goes with it). */
    private static boolean answer(RouteBinding route, Request request, HttpServletRequest req, HttpServletResponse resp,
            Runnable place) throws IOException {
        Response answer;
        try {
            answer = route.fetch(CDI.current(), request);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "The handler of " + route.path() + " threw", e);
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            return false;
        }
        if (answer == null) {
            LOG.log(Level.ERROR, "The handler of " + route.path() + " returned no Response");
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            return false;
        }
        if (answer.webSocket() == null) {
            write(answer, resp);
            return false;
        }
        try {
            WebSocketUpgrade.upgrade(req, resp, answer, route.path(), place);
            return true;
        } catch (IllegalStateException e) {
            LOG.log(Level.ERROR, "The response of " + route.path() + " cannot be sent: " + e.getMessage());
            resp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            return false;
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
