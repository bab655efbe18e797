package dev.wspair.engine;

import dev.wspair.ClientOptions;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.client.Connector;
import java.util.List;
import java.util.concurrent.CompletionStage;
import dev.wspair.WebSocketImpl;
import dev.wspair.WebSocketPair;
import dev.wspair.WebSocketProvider;

/** The {@link WebSocketProvider} that {@code ServiceLoader} finds: sockets of {@link Engine#shared()}. */
public final class EngineProvider extends WebSocketProvider {

    @Override
    protected WebSocket[] newPairEnds() {
        return Engine.shared().newPairEnds();
    }

    @Override
    protected WebSocketImpl connect(WebSocket webSocket, String url, List<String> protocols, boolean protocolsGivenAsList,
            ClientOptions options) {
        return Connector.connect(Engine.shared(), webSocket, url, protocols, protocolsGivenAsList, options);
    }

    @Override
    protected CompletionStage<Response> fetchUpgrade(String url, ClientOptions options) {
        return Connector.fetch(Engine.shared(), url, options);
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
