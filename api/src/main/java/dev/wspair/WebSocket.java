package dev.wspair;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One end of a WebSocket connection, with the API and the behaviour of the Cloudflare Workers
 * runtime ({@code workerd}).
 *
 * <h2>Lifecycle</h2>
 * A socket from {@link WebSocketPair} starts {@link #OPEN} but inert: nothing is read, and
 * {@code send()}/{@code close()} throw, until {@link #accept()} (or until its other end is returned in
 * a 101 response, which hands this end's traffic to the network). After {@code accept()}, {@code
 * message} events arrive in order, and the connection ends with exactly one {@code close} event
 * (a Close frame, or code 1006 for a connection lost without one) or one {@code error} event (a
 * protocol error, a message over the size limit, or a listener that threw). {@code close(code,
 * reason)} sends a Close frame and moves to {@link #CLOSING} at once; by default a Close received
 * from the peer is answered with the same code and reason, so the {@code close} event sees {@link
 * #CLOSED}. With {@link AcceptOptions#allowHalfOpen(boolean) allowHalfOpen} the event sees
 * {@link #CLOSING} and the application closes when it is ready, and may still send until then.
 *
 * <h2>Concurrency</h2>
 * <b>All events of one socket are delivered serially, in order, never concurrently; {@code send()}
 * and {@code close()} may be called from any thread and never block.</b> Events are never
 * delivered from inside {@code accept()}, {@code send()} or {@code close()}.
 *
 * <h2>Errors</h2>
 * Misuse throws with workerd's exact message: {@link IllegalStateException} where workerd throws a
 * {@code TypeError}, {@link InvalidAccessException} and {@link SyntaxException} (both {@link
 * IllegalArgumentException}s) where it throws a {@code DOMException} of that name.
 *
 * <h2>Differences from workerd</h2>
 * Binary messages arrive as a read-only {@link ByteBuffer} (there is no {@code binaryType} and no
 * {@code Blob}); {@code send} has typed overloads instead of JavaScript's {@code ToString}
 * coercion.
 */
public final class WebSocket {

    /** readyState: the connection has not been established yet ({@code new WebSocket(url)} only). */
    public static final int CONNECTING = 0;
    /** readyState: open, including a pair end that has not been accepted yet. */
    public static final int OPEN = 1;
    /** readyState: a Close frame was sent or received, but not both. */
    public static final int CLOSING = 2;
    /** readyState: Close frames went both ways, or the connection failed. */
    public static final int CLOSED = 3;

    final WebSocketImpl impl;

    WebSocket(WebSocketImpl impl) {
        this.impl = Objects.requireNonNull(impl, "impl");
    }

    /**
     * {@code new WebSocket(url)}: connects to a {@code ws} or {@code wss} URL. Returns at once in
     * {@link #CONNECTING}; an {@code open} event follows, or an {@code error} event and a {@code close}
     * event (1006, "Failed to establish websocket connection", not clean).
     *
     * @param url a {@code ws} or {@code wss} URL
     * @throws SyntaxException with workerd's message for an invalid URL, a scheme other than ws/wss,
     *     or a fragment
     */
    public WebSocket(String url) {
        this(url, List.of(), false, ClientOptions.DEFAULT);
    }

    /**
     * {@code new WebSocket(url, "protocol")}: one subprotocol, a non-empty token.
     *
     * @param url a {@code ws} or {@code wss} URL
     * @param protocol the subprotocol to request
     * @throws SyntaxException with workerd's message for an invalid URL or protocol token
     */
    public WebSocket(String url, String protocol) {
        this(url, List.of(Objects.requireNonNull(protocol, "protocol")), false, ClientOptions.DEFAULT);
    }

    /**
     * {@code new WebSocket(url, ["a", "b"])}: subprotocols in order of preference; none when empty.
     *
     * @param url a {@code ws} or {@code wss} URL
     * @param protocols the subprotocols to request, without repetitions
     * @throws SyntaxException with workerd's message for an invalid URL, an invalid token, or a
     *     repeated one
     */
    public WebSocket(String url, List<String> protocols) {
        this(url, protocols, true, ClientOptions.DEFAULT);
    }

    /**
     * As {@link #WebSocket(String, List)}, with request headers, TLS context and connect timeout.
     *
     * @param url a {@code ws} or {@code wss} URL
     * @param protocols the subprotocols to request, without repetitions
     * @param options the request headers, TLS context and connect timeout
     * @throws SyntaxException with workerd's message for an invalid URL, an invalid token, or a
     *     repeated one
     */
    public WebSocket(String url, List<String> protocols, ClientOptions options) {
        this(url, protocols, true, options);
    }

    private WebSocket(String url, List<String> protocols, boolean asList, ClientOptions options) {
        this.impl = WebSocketProvider.provider().connect(this, Objects.requireNonNull(url, "url"),
                List.copyOf(protocols), asList, Objects.requireNonNull(options, "options"));
    }

    /** Starts delivering events, with the runtime's default half-open behaviour. */
    public void accept() {
        impl.accept(AcceptOptions.DEFAULT);
    }

    /**
     * Starts delivering events. A second call is a no-op whose options are ignored.
     *
     * @param options {@link AcceptOptions#allowHalfOpen(boolean) allowHalfOpen}, or {@link
     *     AcceptOptions#DEFAULT}
     * @throws IllegalStateException "Can't accept() WebSocket that was already used in a response."
     *     (also after a finished close), or "Websockets obtained from the 'new WebSocket()'
     *     constructor cannot call accept" while connecting
     */
    public void accept(AcceptOptions options) {
        impl.accept(Objects.requireNonNull(options, "options"));
    }

    /**
     * Adds a listener for events of {@code type} ({@code "message"}, {@code "close"}, {@code
     * "error"}, {@code "open"}); adding the same listener twice for one type has no effect. Other
     * types are accepted and never fire.
     *
     * @param type the event type
     * @param listener the listener
     */
    public void addEventListener(String type, EventListener<? super Event> listener) {
        impl.addEventListener(Objects.requireNonNull(type, "type"), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Typed form of {@link #addEventListener(String, EventListener)}.
     *
     * @param <E> the event class of {@code type}
     * @param type the event type
     * @param listener the listener
     */
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        impl.addEventListener(type.name(), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener added for {@code type}; unknown listeners are ignored.
     *
     * @param type the event type
     * @param listener the listener to remove
     */
    public void removeEventListener(String type, EventListener<?> listener) {
        impl.removeEventListener(Objects.requireNonNull(type, "type"), listener);
    }

    /**
     * Typed form of {@link #removeEventListener(String, EventListener)}.
     *
     * @param type the event type
     * @param listener the listener to remove
     */
    public void removeEventListener(EventType<?> type, EventListener<?> listener) {
        impl.removeEventListener(type.name(), listener);
    }

    /**
     * Sends a text message.
     *
     * @param text the text
     * @throws IllegalStateException "Can't call WebSocket send() after close()." or "You must call
     *     one of accept() or state.acceptWebSocket() on this WebSocket before sending messages."
     */
    public void send(String text) {
        impl.sendText(Objects.requireNonNull(text, "text"));
    }

    /**
     * Sends {@code value} as a text message of JSON, written by Jakarta JSON-B, as a Worker would
     * write {@code ws.send(JSON.stringify(value))}. <b>Not part of the Workers API</b>: an
     * extension of wspair, with the application's JSON-B (see {@link MessageEvent#json(Class)}).
     * Nothing is sent when the value cannot be written.
     *
     * @param value a public class, record, collection, map, string, number or boolean; not {@code null}
     * @throws JsonMessageException when JSON-B cannot write {@code value}; its message names the class
     * @throws IllegalStateException as {@link #send(String)}, or when no JSON-B implementation can be found
     */
    public void sendJson(Object value) {
        send(WebSocketProvider.provider().writeJson(Objects.requireNonNull(value, "value")));
    }

    /**
     * Sends a binary message. The bytes are copied before this returns.
     *
     * @param data the bytes
     * @throws IllegalStateException as {@link #send(String)}
     */
    public void send(byte[] data) {
        impl.sendBinary(ByteBuffer.wrap(Objects.requireNonNull(data, "data")));
    }

    /**
     * Sends the remaining bytes of {@code data} as a binary message. They are copied before this
     * returns; the buffer's position is not changed.
     *
     * @param data the bytes from its position to its limit
     * @throws IllegalStateException as {@link #send(String)}
     */
    public void send(ByteBuffer data) {
        impl.sendBinary(Objects.requireNonNull(data, "data"));
    }

    /**
     * Closes with no code: the peer sees 1005 and an empty reason (the embedded runtime and Payara
     * send 1000 instead: difference D8 in the README).
     *
     * @throws IllegalStateException on a socket that was never accepted
     */
    public void close() {
        impl.close(null, null);
    }

    /**
     * Closes with {@code code} and an empty reason.
     *
     * @param code the close code
     * @throws InvalidAccessException as {@link #close(int, String)}
     * @throws IllegalStateException on a socket that was never accepted
     */
    public void close(int code) {
        impl.close(code, null);
    }

    /**
     * Closes with {@code code} and {@code reason}. Arguments are validated first, whatever the
     * state; then a second close is a no-op.
     *
     * @param code the close code
     * @param reason the close reason; {@code null} for none
     * @throws InvalidAccessException "Invalid WebSocket close code: N." for a code outside
     *     1000–4999 or one of 1004, 1005, 1006, 1015 (with {@code pedantic_wpt}: anything but 1000
     *     and 3000–4999)
     * @throws SyntaxException "WebSocket close reason must not be longer than 123 bytes when UTF-8
     *     encoded."
     * @throws IllegalStateException on a socket that was never accepted
     */
    public void close(int code, String reason) {
        impl.close(code, reason);
    }

    /**
     * The JavaScript form {@code close(code?, reason?)}: {@code null} means the argument was not
     * given, so {@code close(null, "x")} throws workerd's "If you specify a WebSocket close reason,
     * you must also specify a code."
     *
     * @param code the close code, or {@code null} for none
     * @param reason the close reason, or {@code null} for none
     * @throws InvalidAccessException for an invalid code, or a reason without a code
     * @throws SyntaxException for a reason over 123 UTF-8 bytes (with {@link
     *     Compatibility#closeReasonByteLimit()}, the default)
     * @throws IllegalStateException on a socket that was never accepted
     */
    public void close(Integer code, String reason) {
        impl.close(code, reason);
    }

    /**
     * The state of the connection, derived from what was sent and received.
     *
     * @return {@link #CONNECTING}, {@link #OPEN}, {@link #CLOSING} or {@link #CLOSED}
     */
    public int readyState() {
        return impl.readyState();
    }

    /**
     * The URL of a client socket.
     *
     * @return the URL given to {@code new WebSocket(url)}, unchanged; {@code null} for a pair end
     */
    public String url() {
        return impl.url();
    }

    /**
     * The negotiated subprotocol.
     *
     * @return the subprotocol; {@code ""} for a pair end; {@code null} if the server chose none
     */
    public String protocol() {
        return impl.protocol();
    }

    /**
     * The negotiated extensions.
     *
     * @return the extensions; {@code ""} for a pair end; {@code null} if none were negotiated
     */
    public String extensions() {
        return impl.extensions();
    }

    /**
     * Bytes of messages sent but not yet handed to the network (or, on an in-memory pair, not yet
     * received by the other end). Text counts its UTF-8 length.
     *
     * @return the number of bytes
     */
    public long bufferedAmount() {
        return impl.bufferedAmount();
    }

    /**
     * Stores a copy of {@code value} with the socket: it survives the hibernation of a Durable
     * Object, and {@link #deserializeAttachment()} returns a new copy each time. Values are copied as
     * JSON (JSON-B: records, beans, maps, lists, strings, numbers, booleans, {@code null}), never with
     * Java serialization; the previous value is kept when this throws.
     *
     * @param value the value, or {@code null}
     * @throws WebSocketException "A WebSocket 'attachment' cannot be larger than 16384
     *     bytes.'attachment' was N bytes." (sic, as workerd; N counts the JSON's UTF-8 bytes, where
     *     workerd counts V8's serialized bytes)
     * @throws IllegalStateException when no JSON-B implementation is available
     */
    public void serializeAttachment(Object value) {
        impl.serializeAttachment(value);
    }

    /**
     * A new copy of the stored value, as JSON-B reads JSON into {@code Object}: a {@code Map}, a
     * {@code List}, a {@code String}, a {@code BigDecimal}, a {@code Boolean} or {@code null}.
     *
     * @return the copy, or {@code null} if nothing (or {@code null}) was stored
     */
    public Object deserializeAttachment() {
        return impl.deserializeAttachment(Object.class);
    }

    /**
     * A new copy of the stored value, read as {@code type}.
     *
     * @param <T> the type
     * @param type the class to read the stored JSON as
     * @return the copy, or {@code null} if nothing (or {@code null}) was stored
     */
    public <T> T deserializeAttachment(Class<T> type) {
        return type.cast(impl.deserializeAttachment(Objects.requireNonNull(type, "type")));
    }

    @Override
    public String toString() {
        return "WebSocket[readyState=" + readyState() + (url() == null ? "" : ", url=" + url()) + "]";
    }
}
