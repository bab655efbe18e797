package dev.wspair.example.proxy;

import dev.wspair.AcceptOptions;
import dev.wspair.CloseEvent;
import dev.wspair.EventType;
import dev.wspair.Fetch;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code /proxy?backend=ws://host:port/path}: a WebSocket proxy, the use case the Workers docs give
 * for half-open mode. Both sides are accepted with {@code allowHalfOpen}, messages are piped both
 * ways, and a Close from either side is passed to the other with its code and reason; each side is
 * closed only when the other has answered.
 *
 * <p>The backend must be on a host of {@code wspair.example.proxy.hosts} (comma-separated; default
 * {@code 127.0.0.1,localhost}), so that the example is no open relay.
 */
@Route("/proxy")
@ApplicationScoped
public class ProxyRoute implements FetchHandler {

    static final String HOSTS = "wspair.example.proxy.hosts";

    @Override
    public Response fetch(Request request) throws Exception {
        if (!request.isWebSocketUpgrade()) {
            return new Response("Expected Upgrade: websocket", 426, java.util.Map.of("Upgrade", "websocket"), null);
        }
        String backend = request.query("backend");
        if (backend == null || !allowed(backend)) {
            return new Response("The backend must be a ws:// URL on one of " + allowedHosts(), 400);
        }
        Response upstream = Fetch.upgrade(backend).toCompletableFuture().get(10, TimeUnit.SECONDS);
        if (upstream.webSocket() == null) {
            return new Response("The backend answered " + upstream.status(), 502);
        }
        WebSocketPair pair = new WebSocketPair();
        pipe(pair.server(), upstream.webSocket());
        return Response.webSocket(pair.client());
    }

    /** Both directions, and the Close passed on with its code and reason, each side answered by the other. */
    static void pipe(WebSocket client, WebSocket backend) {
        client.accept(AcceptOptions.allowHalfOpen(true));
        backend.accept(AcceptOptions.allowHalfOpen(true));
        forward(client, backend);
        forward(backend, client);
    }

    private static void forward(WebSocket from, WebSocket to) {
        from.addEventListener(EventType.MESSAGE, event -> {
            try {
                if (event.isText()) {
                    to.send(event.text());
                } else {
                    to.send(event.buffer());
                }
            } catch (IllegalStateException closed) {
                // the other side closed already: nothing more goes there
            }
        });
        from.addEventListener(EventType.CLOSE, event -> passOn(event, to));
        from.addEventListener(EventType.ERROR, event -> to.close(1011, "The other side failed"));
    }

    /**
     * Passes the Close that one side sent to the other: to forward it when the other side is open,
     * or to answer the Close the other side sent earlier (half-open until now). {@code close()} is
     * a no-op on a side that has closed already. A lost connection (1006) and codes that cannot be
     * sent become 1011; a Close without a code (1005) goes without one.
     */
    private static void passOn(CloseEvent event, WebSocket to) {
        if (event.code() == 1005) {
            to.close();
            return;
        }
        try {
            to.close(event.code(), event.reason());
        } catch (IllegalArgumentException unsendable) {
            to.close(1011, event.code() == 1006 ? "The other side's connection was lost" : "Close code " + event.code());
        }
    }

    private static boolean allowed(String backend) {
        try {
            URI uri = URI.create(backend);
            return ("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) && allowedHosts().contains(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Set<String> allowedHosts() {
        return Arrays.stream(System.getProperty(HOSTS, "127.0.0.1,localhost").split(","))
                .map(String::trim).filter(host -> !host.isEmpty()).collect(Collectors.toSet());
    }
}
