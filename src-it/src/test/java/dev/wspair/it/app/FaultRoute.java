package dev.wspair.it.app;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /fault?id=X} with Upgrade: an echoing socket that remembers how it ended; {@code "flood"}
 * makes it send 64 KiB messages, far more than a peer that does not read can take. Without Upgrade:
 * how socket X ended ({@code error <message>} or {@code close <code> <wasClean>}), once it has
 * (waits up to 10 s).
 */
@Route("/fault")
@ApplicationScoped
public class FaultRoute implements FetchHandler {

    /** What a flood sends at most: 2,000 messages of 64 KiB. */
    public static final long FLOOD_BYTES = 2_000L * 64 * 1024;

    private final Map<String, CompletableFuture<String>> endings = new ConcurrentHashMap<>();

    @Override
    public Response fetch(Request request) throws Exception {
        CompletableFuture<String> ending = endings.computeIfAbsent(request.query("id"), id -> new CompletableFuture<>());
        if (!request.isWebSocketUpgrade()) {
            try {
                return new Response(ending.get(10, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                return new Response("not ended", 504);
            }
        }
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.MESSAGE, event -> {
            if (event.isText() && event.text().equals("flood")) {
                flood(server);
            } else {
                server.send(event.isText() ? event.text() : "binary");
            }
        });
        server.addEventListener(EventType.ERROR, (ErrorEvent event) -> ending.complete("error " + event.message()));
        server.addEventListener(EventType.CLOSE,
                (CloseEvent event) -> ending.complete("close " + event.code() + " " + event.wasClean()));
        return Response.webSocket(pair.client());
    }

    /** Sends until the send-buffer limit fails the socket (what is sent after that is dropped). */
    private static void flood(WebSocket server) {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 2_000 && server.readyState() == WebSocket.OPEN; i++) {
            server.send(chunk);
        }
    }
}
