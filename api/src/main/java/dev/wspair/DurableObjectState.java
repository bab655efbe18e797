package dev.wspair;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What a {@link DurableObject} gets in its constructor ({@code ctx} in a Worker): its id and the
 * Hibernation API. Its sockets, their tags and the auto-response belong to the object, not to the
 * instance: they survive hibernation. Call it from the object's own calls.
 *
 * <h2>Errors</h2>
 * Misuse throws with workerd's exact message: {@link WebSocketException} where workerd throws a
 * JavaScript {@code Error}, {@link IllegalStateException} for a {@code TypeError}, {@link
 * IllegalArgumentException} for a {@code RangeError}.
 */
public interface DurableObjectState {

    /**
     * The object's id.
     *
     * @return the id
     */
    DurableObjectId id();

    /**
     * {@code acceptWebSocket(ws)}: the object takes the socket, with no tags.
     *
     * @param ws the server end of a new {@link WebSocketPair}
     * @throws WebSocketException as {@link #acceptWebSocket(WebSocket, List)}
     */
    void acceptWebSocket(WebSocket ws);

    /**
     * The object takes the socket: its messages go to the object's handlers (listeners added to it
     * never fire), a Close from the peer is not answered by itself, and the socket can outlive the
     * instance. Duplicate tags are dropped, order is kept.
     *
     * @param ws the server end of a new {@link WebSocketPair}, whose client end is still to be
     *     returned in a response
     * @param tags at most 10 distinct tags of at most 256 UTF-8 bytes each
     * @throws WebSocketException "Cannot call `acceptWebSocket()` if the WebSocket was already
     *     accepted via `accept()`" (also after an earlier {@code acceptWebSocket}); "a Hibernatable
     *     WebSocket cannot have more than 10 tags" (as in workerd, counted before duplicates are
     *     dropped); "\"TAG\" is longer than the max tag length (256 characters)." (the limit is in
     *     bytes); "only 32768 websockets can be accepted on a single Durable Object instance"
     */
    void acceptWebSocket(WebSocket ws, List<String> tags);

    /**
     * The object's sockets, newest first, until each one's close or error handler returned.
     *
     * @return a snapshot
     */
    List<WebSocket> getWebSockets();

    /**
     * The object's sockets with {@code tag}, in the order they were accepted.
     *
     * @param tag the tag
     * @return a snapshot
     */
    List<WebSocket> getWebSockets(String tag);

    /**
     * The tags {@code ws} was accepted with.
     *
     * @param ws a socket of this object
     * @return the tags, in order
     * @throws WebSocketException "only hibernatable websockets can have tags." for a socket
     *     accepted with {@code accept()}; "you must call 'acceptWebSocket()' before attempting to
     *     access the tags of a WebSocket." for any other socket that this object does not hold
     *     (also after its close handler returned)
     */
    List<String> getTags(WebSocket ws);

    /**
     * Answers a text message equal to the request with the response, where the frame is read:
     * without creating or waking the instance and without a handler call. The time is recorded on
     * the socket.
     *
     * @param pair the request and response
     * @throws IllegalArgumentException "Request cannot be larger than 2048 bytes. A request of size N
     *     was provided." or "Response cannot be larger than 2048 bytes. A response of size N was
     *     provided." (UTF-8 bytes); the auto-response is then unchanged
     */
    void setWebSocketAutoResponse(WebSocketRequestResponsePair pair);

    /** Removes the auto-response. */
    void setWebSocketAutoResponse();

    /**
     * The auto-response.
     *
     * @return the pair, or {@code null}
     */
    WebSocketRequestResponsePair getWebSocketAutoResponse();

    /**
     * When {@code ws} last answered a message with the auto-response (kept after the auto-response
     * is removed).
     *
     * @param ws a socket of this object
     * @return the time, or {@code null} if it never did
     */
    Instant getWebSocketAutoResponseTimestamp(WebSocket ws);

    /**
     * Limits how long a socket handler may run. Recorded only: wspair does not stop a handler that
     * runs longer (workerd shuts the whole object down).
     *
     * @param timeout the limit, at most 7 days; {@code null} or zero removes it
     * @throws WebSocketException "Event timeout should not exceed 604800000 ms."
     */
    void setHibernatableWebSocketEventTimeout(Duration timeout);

    /**
     * The handler time limit.
     *
     * @return the limit, or {@code null}
     */
    Duration getHibernatableWebSocketEventTimeout();

    /**
     * Runs {@code task} now and returns its result. An object already runs one call at a time, so
     * nothing else of this object runs meanwhile; in a constructor it serves to initialize state
     * before the first event, as in workerd.
     *
     * @param <T> the result type
     * @param task the work
     * @return what {@code task} returned
     * @throws Exception what {@code task} threw
     */
    <T> T blockConcurrencyWhile(Callable<T> task) throws Exception;
}
