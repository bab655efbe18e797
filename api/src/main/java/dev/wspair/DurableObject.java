package dev.wspair;

import java.nio.ByteBuffer;

/**
 * A Durable Object: a class of the application of which the runtime keeps exactly one live
 * instance per {@link DurableObjectId}, reached through a {@link DurableObjectNamespace}. As in
 * workerd, every method is optional: a handler the class does not override drops its event.
 *
 * <pre>{@code
 * public class ChatRoom implements DurableObject {
 *     private final DurableObjectState ctx;
 *     @Inject Greeting greeting;                       // CDI injects fields and initializers
 *
 *     public ChatRoom(DurableObjectState ctx) {        // constructor(ctx, env)
 *         this.ctx = ctx;
 *     }
 *
 *     public Response fetch(Request request) {
 *         WebSocketPair pair = new WebSocketPair();
 *         ctx.acceptWebSocket(pair.server(), List.of("room"));
 *         return Response.webSocket(pair.client());
 *     }
 *
 *     public void webSocketMessage(WebSocket ws, String message) {
 *         for (WebSocket other : ctx.getWebSockets("room")) {
 *             other.send(message);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>Construction</h2>
 * The runtime creates the instance with a public constructor taking a {@link DurableObjectState},
 * else a public no-argument constructor, then injects its {@code @Inject} fields and initializer
 * methods and calls its {@code @PostConstruct} method when CDI is available. The instance is not a
 * CDI bean (it has no scope): it lives as long as the runtime keeps it.
 *
 * <h2>Concurrency</h2>
 * <b>An object runs one call at a time ({@code fetch} or a handler), in arrival order</b>, on the
 * runtime's executor; it needs no locks of its own. A handler that throws gives a {@link
 * #webSocketError} call for that socket (the socket then reads no more) and never stops the object.
 *
 * <h2>Hibernation</h2>
 * When the object ran nothing for a while ({@code wspair.objects.hibernateAfter}, 10 s by default),
 * the runtime drops the instance; its sockets accepted with {@link
 * DurableObjectState#acceptWebSocket(WebSocket)} stay connected with their tags and attachments, and
 * the next event creates a new instance (the constructor runs again). Keep state that must survive
 * in attachments ({@link WebSocket#serializeAttachment(Object)}) or elsewhere, not in fields.
 */
public interface DurableObject {

    /**
     * A request forwarded by {@link DurableObjectStub#fetch(Request)}.
     *
     * @param request the request
     * @return the response; a 101 response hands its socket's other end to the client
     * @throws Exception to fail the stub's {@code fetch} with it
     */
    default Response fetch(Request request) throws Exception {
        throw new UnsupportedOperationException("Handler does not export a fetch() function.");
    }

    /**
     * A text message on a socket accepted with {@link DurableObjectState#acceptWebSocket(WebSocket)}.
     *
     * @param ws the socket
     * @param message the text
     * @throws Exception to fail the socket: {@link #webSocketError} follows
     */
    default void webSocketMessage(WebSocket ws, String message) throws Exception {
    }

    /**
     * A binary message on a hibernatable socket.
     *
     * @param ws the socket
     * @param message the bytes, read-only
     * @throws Exception to fail the socket: {@link #webSocketError} follows
     */
    default void webSocketMessage(WebSocket ws, ByteBuffer message) throws Exception {
    }

    /**
     * The peer closed a hibernatable socket (a Close frame: {@code wasClean} is true), or the
     * connection was lost (1006, "WebSocket disconnected without sending Close frame.", false). As
     * in workerd, <b>no Close is sent back by itself</b>: call {@code ws.close(code, reason)} to
     * answer (1005 and 1006 are not valid codes to send). The socket is still listed by {@link
     * DurableObjectState#getWebSockets()} during this call, and no more afterwards.
     *
     * @param ws the socket, CLOSING (CLOSED if the object had closed it first)
     * @param code the code received
     * @param reason the reason received
     * @param wasClean whether a Close frame was received
     * @throws Exception logged; the socket is gone anyway
     */
    default void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) throws Exception {
    }

    /**
     * A hibernatable socket failed: a protocol error, a message over the size limit, or a handler of
     * this object that threw for this socket. No {@link #webSocketClose} follows.
     *
     * @param ws the socket; {@code send} and {@code close} are ignored on it
     * @param error the error ({@link WebSocketException} for the runtime's own errors)
     * @throws Exception logged
     */
    default void webSocketError(WebSocket ws, Throwable error) throws Exception {
    }
}
