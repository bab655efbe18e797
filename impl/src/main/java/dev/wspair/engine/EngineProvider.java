package dev.wspair.engine;

import dev.wspair.WebSocket;
import dev.wspair.WebSocketImpl;
import dev.wspair.WebSocketPair;
import dev.wspair.WebSocketProvider;

/** The {@link WebSocketProvider} that {@code ServiceLoader} finds: sockets of {@link Engine#shared()}. */
public final class EngineProvider extends WebSocketProvider {

    @Override
    protected WebSocket[] newPairEnds() {
        return Engine.shared().newPairEnds();
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
