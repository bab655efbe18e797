package dev.wspair;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link FetchHandler} answers, as the Fetch API's {@code new Response(body, {status,
 * headers, webSocket})}. A response with a WebSocket has status 101 and hands the socket's other
 * end to the network.
 */
public final class Response {

    static final String WEBSOCKET_NEEDS_101 = "Responses with a WebSocket must have status code 101.";
    static final String STATUS_RANGE =
            "Responses may only be constructed with status codes in the range 200 to 599, inclusive.";

    private final String body;
    private final int status;
    private final Map<String, String> headers;
    private final WebSocket webSocket;

    /**
     * {@code new Response(body, {status, headers, webSocket})}.
     *
     * @param body the text body, sent as UTF-8 ({@code text/plain;charset=UTF-8} unless a header
     *     says otherwise); {@code null} for none
     * @param status the status: 101 with a WebSocket, else 200 to 599
     * @param headers the response headers
     * @param webSocket the socket whose other end the network connects to, or {@code null}
     * @throws IllegalArgumentException workerd's {@code RangeError}s: "Responses with a WebSocket
     *     must have status code 101." and "Responses may only be constructed with status codes in
     *     the range 200 to 599, inclusive."
     */
    public Response(String body, int status, Map<String, String> headers, WebSocket webSocket) {
        if (webSocket != null && status != 101) {
            throw new IllegalArgumentException(WEBSOCKET_NEEDS_101);
        }
        if (webSocket == null && (status < 200 || status > 599)) {
            throw new IllegalArgumentException(STATUS_RANGE);
        }
        this.body = body;
        this.status = status;
        this.headers = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        this.webSocket = webSocket;
    }

    /**
     * A 200 response with a text body.
     *
     * @param body the text body, or {@code null} for none
     */
    public Response(String body) {
        this(body, 200);
    }

    /**
     * A response with a text body and a status.
     *
     * @param body the text body, or {@code null} for none
     * @param status the status, 200 to 599
     * @throws IllegalArgumentException workerd's {@code RangeError} for a status outside 200 to 599
     */
    public Response(String body, int status) {
        this(body, status, Map.of(), null);
    }

    /**
     * {@code new Response(null, {status: 101, webSocket})}.
     *
     * @param webSocket the end of a {@link WebSocketPair} to hand to the client
     * @return a 101 response
     */
    public static Response webSocket(WebSocket webSocket) {
        return webSocket(webSocket, Map.of());
    }

    /**
     * A 101 response with headers, e.g. {@code Sec-WebSocket-Protocol}.
     *
     * @param webSocket the end of a {@link WebSocketPair} to hand to the client
     * @param headers the headers of the handshake response
     * @return a 101 response
     */
    public static Response webSocket(WebSocket webSocket, Map<String, String> headers) {
        return new Response(null, 101, headers, Objects.requireNonNull(webSocket, "webSocket"));
    }

    /**
     * The text body.
     *
     * @return the body, or {@code null} for none
     */
    public String body() {
        return body;
    }

    /**
     * The HTTP status.
     *
     * @return 101 for a response with a WebSocket, else 200 to 599
     */
    public int status() {
        return status;
    }

    /**
     * The response headers.
     *
     * @return the headers by name; unmodifiable
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The socket of a 101 response.
     *
     * @return the socket whose other end the network connects to; {@code null} for a plain response
     */
    public WebSocket webSocket() {
        return webSocket;
    }

    @Override
    public String toString() {
        return "Response[" + status + (webSocket == null ? "" : ", webSocket") + "]";
    }
}
