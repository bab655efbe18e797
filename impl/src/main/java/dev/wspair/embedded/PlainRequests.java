package dev.wspair.embedded;

import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.jakarta.RouteBinding;
import dev.wspair.jakarta.WebSocketUpgrade;
import dev.wspair.runtime.ApplicationRuntime;
import dev.wspair.runtime.RouteRequests;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.StaticHttpHandler;

/**
 * HTTP requests that are not WebSocket handshakes: a route's handler answers them (a 426, say);
 * otherwise the static files, if any; otherwise 404.
 */
final class PlainRequests extends HttpHandler {

    private final List<RouteBinding> routes;
    private final ApplicationRuntime runtime;
    private final StaticHttpHandler files;

    PlainRequests(List<RouteBinding> routes, ApplicationRuntime runtime, Path staticFiles) {
        this.routes = routes;
        this.runtime = runtime;
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
                runtime.routeRequests().serve(route, request(req, params), new PlainExchange(resp));
                return;
            }
        }
        if (files != null && !isPrivate(path)) {
            files.service(req, resp);
        } else {
            resp.sendError(404);
        }
    }

    /**
     * {@code WEB-INF/} and {@code META-INF/} are never served, as in a servlet container: a WAR's
     * web.xml or libraries stay private when the static files are its {@code src/main/webapp}.
     */
    private static boolean isPrivate(String path) {
        String upper = path.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("/WEB-INF") || upper.startsWith("/META-INF") || upper.contains("/../");
    }

    /** A route request without an upgrade: a response with a WebSocket cannot be sent here. */
    private record PlainExchange(org.glassfish.grizzly.http.server.Response resp)
            implements RouteRequests.Exchange<IOException> {
        @Override
        public void respond(Response answer) throws IOException {
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

        @Override
        public void fail(String why) throws IOException {
            resp.sendError(500);
        }

        @Override
        public void upgrade(Response answer, Consumer<RealWebSocket> coupling, Runnable release) {
            throw new IllegalStateException(WebSocketUpgrade.NOT_AN_UPGRADE);
        }

        /** Grizzly alone has no login: EmbeddedServer refuses routes that need a user, so this is not reached. */
        @Override
        public Principal authenticate(Response refusal) throws IOException {
            respond(refusal);
            return null;
        }

        /** Grizzly has no roles. */
        @Override
        public boolean isUserInRole(String role) {
            return false;
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
