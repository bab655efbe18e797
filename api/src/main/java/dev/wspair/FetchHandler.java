package dev.wspair;

/**
 * Handles a request the way a Worker's {@code fetch} does: read the request, check {@code Upgrade:
 * websocket}, create a {@link WebSocketPair}, accept and wire the server end, and answer with
 * {@link Response#webSocket(WebSocket) Response.webSocket(client)}. Annotate the class with {@link
 * Route} and make it a CDI bean; the same class runs on WildFly, Payara and the embedded runtime.
 *
 * <pre>{@code
 * @Route("/echo") @ApplicationScoped
 * public class Echo implements FetchHandler {
 *     public Response fetch(Request request) {
 *         if (!"websocket".equalsIgnoreCase(request.header("Upgrade"))) {
 *             return new Response("Expected Upgrade: websocket", 426);
 *         }
 *         WebSocketPair pair = new WebSocketPair();
 *         WebSocket server = pair.server();
 *         server.accept();
 *         server.addEventListener(EventType.MESSAGE, event -> server.send(event.text()));
 *         return Response.webSocket(pair.client());
 *     }
 * }
 * }</pre>
 *
 * A response that carries a socket which cannot be returned (accepted, already used, or created
 * with {@code new WebSocket(url)}) fails with workerd's message and the client gets status 500.
 */
@FunctionalInterface
public interface FetchHandler {

    /**
     * Answers one request.
     *
     * @param request the request
     * @return the response, never {@code null}
     * @throws Exception to give the client status 500 (the exception is logged)
     */
    Response fetch(Request request) throws Exception;
}
