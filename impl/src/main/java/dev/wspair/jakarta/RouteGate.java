package dev.wspair.jakarta;

import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a route checks before its handler runs: the request's {@code Origin} against the allowed
 * origins (403 otherwise), and the route's open connections against its maximum (503 otherwise).
 */
public final class RouteGate {

    static final String SAME_ORIGIN = "same-origin";

    private final String path;
    /** The route's own origins; empty: the setting {@code wspair.allowedOrigins} applies. */
    private final List<String> routeOrigins;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    RouteGate(String path, Route route) {
        this(path, List.of(route.allowedOrigins()), route.maxConnections());
    }

    RouteGate(String path, List<String> routeOrigins, int maxConnections) {
        this.path = path;
        this.routeOrigins = List.copyOf(routeOrigins);
        this.maxConnections = maxConnections;
    }

    /**
     * The 403 for a request whose Origin is not allowed here, or null; {@code applicationOrigins}
     * apply when the route names none.
     */
    public Response originRefusal(Request request, List<String> applicationOrigins) {
        String origin = request.header("Origin");
        List<String> allowed = routeOrigins.isEmpty() ? applicationOrigins : routeOrigins;
        if (origin == null || allowed.isEmpty() || allowed.contains("*")) {
            return null;
        }
        for (String entry : allowed) {
            if (entry.equals(SAME_ORIGIN) ? sameOrigin(origin, request.header("Host")) : entry.equalsIgnoreCase(origin)) {
                return null;
            }
        }
        return new Response("Origin " + origin + " may not open a WebSocket on " + path, 403);
    }

    /**
     * Counts one more connection on this route.
     *
     * @return what gives the connection's place back (once, however often it runs), or null when
     *     the route is full
     */
    public Runnable tryOpen() {
        if (maxConnections > 0 && open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return null;
        }
        if (maxConnections <= 0) {
            return () -> { };
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
    }

    /** The 503 for a request over the route's maximum. */
    public Response fullRefusal() {
        return new Response("Too many connections on " + path + " (at most " + maxConnections + ")", 503);
    }

    /** Connections counted as open on this route now (0 when it has no maximum). */
    public int open() {
        return open.get();
    }

    /** The Origin's host and port are those the request was sent to. */
    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String hostPart = host.toLowerCase(Locale.ROOT);
            String expected = uri.getHost().toLowerCase(Locale.ROOT);
            return hostPart.equals(expected + ":" + port) || (hostPart.equals(expected) && (port == 80 || port == 443));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
