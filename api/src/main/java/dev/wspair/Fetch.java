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

    /**
     * Upgrades {@code url} with the default options.
     *
     * @param url a {@code ws}, {@code wss}, {@code http} or {@code https} URL
     * @return the response: status 101 with a socket to accept, or the server's other status;
     *     completed exceptionally when no HTTP answer came (connection refused, TLS failure, timeout)
     * @throws SyntaxException with workerd's message for an invalid URL, another scheme, or a fragment
     */
    public static CompletionStage<Response> upgrade(String url) {
        return upgrade(url, ClientOptions.DEFAULT);
    }

    /**
     * Upgrades {@code url} with request headers, TLS context and connect timeout from {@code options}.
     *
     * @param url a {@code ws}, {@code wss}, {@code http} or {@code https} URL
     * @param options the headers, TLS context and connect timeout
     * @return the response: status 101 with a socket to accept, or the server's other status;
     *     completed exceptionally when no HTTP answer came (connection refused, TLS failure, timeout)
     * @throws SyntaxException with workerd's message for an invalid URL, another scheme, or a fragment
     */
    public static CompletionStage<Response> upgrade(String url, ClientOptions options) {
        return WebSocketProvider.provider().fetchUpgrade(url, options);
    }

    /**
     * Upgrades {@code url} with extra request headers.
     *
     * @param url a {@code ws}, {@code wss}, {@code http} or {@code https} URL
     * @param headers the request headers to add
     * @return the response: status 101 with a socket to accept, or the server's other status;
     *     completed exceptionally when no HTTP answer came (connection refused, TLS failure, timeout)
     * @throws SyntaxException with workerd's message for an invalid URL, another scheme, or a fragment
     */
    public static CompletionStage<Response> upgrade(String url, Map<String, String> headers) {
        ClientOptions options = ClientOptions.DEFAULT;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            options = options.header(header.getKey(), header.getValue());
        }
        return upgrade(url, options);
    }
}
