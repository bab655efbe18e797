package dev.wspair;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code fetch(url, {headers: {Upgrade: "websocket"}})}: an outbound WebSocket handshake whose
 * result is a response. With 101 the response carries a socket that must be {@link
 * WebSocket#accept(AcceptOptions) accepted} (so {@code allowHalfOpen} is available; its {@code url}
 * is {@code null}, {@code protocol} and {@code extensions} are {@code ""}, and no {@code open} event
 * fires); otherwise {@link Response#webSocket()} is {@code null} and the status says why.
 */
public final class Fetch {

    private Fetch() {
    }

    /** Upgrades {@code url} ({@code ws}, {@code wss}, {@code http} or {@code https}) with the default options. */
    public static CompletionStage<Response> upgrade(String url) {
        return upgrade(url, ClientOptions.DEFAULT);
    }

    /** Upgrades {@code url} with request headers, TLS context and connect timeout from {@code options}. */
    public static CompletionStage<Response> upgrade(String url, ClientOptions options) {
        return WebSocketProvider.provider().fetchUpgrade(url, options);
    }

    /** Upgrades {@code url} with extra request headers. */
    public static CompletionStage<Response> upgrade(String url, Map<String, String> headers) {
        ClientOptions options = ClientOptions.DEFAULT;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            options = options.header(header.getKey(), header.getValue());
        }
        return upgrade(url, options);
    }
}
