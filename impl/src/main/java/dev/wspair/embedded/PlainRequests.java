package dev.wspair.embedded;

import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.jakarta.RouteBinding;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.StaticHttpHandler;

/**
 * HTTP requests that are not WebSocket handshakes: a route's handler answers them (a 426, say);
 * otherwise the static files, if any; otherwise 404.
 */
final class PlainRequests extends HttpHandler {

    private static final System.Logger LOG = System.getLogger(PlainRequests.class.getName());

    private final List<RouteBinding> routes;
    private final Instance<Object> beans;
    private final StaticHttpHandler files;

    PlainRequests(List<RouteBinding> routes, Instance<Object> beans, Path staticFiles) {
        this.routes = routes;
        this.beans = beans;
        this.files = staticFiles == null ? null : new StaticHttpHandler(staticFiles.toString());
        if (files != null) {
            files.setFileCacheEnabled(false);
        }
    }

    @Override
    public void service(org.glassfish.grizzly.http.server.Request req, org.glassfish.grizzly.http.server.Response resp)
            throws Exception {
        String path = req.getRequestURI();
        for (RouteBinding route : routes) {
            Map<String, String> params = route.match(path);
            if (params != null) {
                serve(route, request(req, params), resp);
                return;
            }
        }
        if (files != null) {
            files.service(req, resp);
        } else {
            resp.sendError(404);
        }
    }

    private void serve(RouteBinding route, Request request, org.glassfish.grizzly.http.server.Response resp)
            throws IOException {
        Response answer;
        try {
            answer = route.fetch(beans, request);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "The handler of " + route.path() + " threw", e);
            resp.sendError(500);
            return;
        }
        if (answer.webSocket() != null) {
            LOG.log(Level.ERROR, "The response of " + route.path() + " cannot be sent: Worker tried to return a "
                    + "WebSocket in a response to a request which did not contain the header \"Upgrade: websocket\".");
            resp.sendError(500);
            return;
        }
        resp.setStatus(answer.status(), ReasonPhrases.of(answer.status()));
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

    private static Request request(org.glassfish.grizzly.http.server.Request req, Map<String, String> params) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : req.getHeaderNames()) {
            List<String> values = new ArrayList<>();
            req.getHeaders(name).forEach(values::add);
            headers.put(name, values);
        }
        String query = req.getQueryString();
        URI url = URI.create(req.getRequestURL() + (query == null ? "" : "?" + query));
        return new Request(req.getMethod().getMethodString(), url, headers, params, req.getUserPrincipal());
    }
}
