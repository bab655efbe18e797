package dev.wspair.engine;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketImpl;
import dev.wspair.WebSocketPair;
import dev.wspair.WebSocketProvider;

/**
 * The engine's side of the {@link WebSocketProvider} SPI: wraps sockets in their public objects.
 * The provider that {@code ServiceLoader} finds extends it and says which application's engine
 * serves a call.
 */
public abstract class EngineProvider extends WebSocketProvider {

    protected EngineProvider() {
    }

    static WebSocket wrap(RealWebSocket socket) {
        WebSocket shell = newWebSocket(socket);
        socket.bind(shell);
        return shell;
    }

    static WebSocketImpl unwrap(WebSocket webSocket) {
        return implOf(webSocket);
    }

    static WebSocketPair pair(WebSocket client, WebSocket server) {
        return newPair(client, server);
    }
}
