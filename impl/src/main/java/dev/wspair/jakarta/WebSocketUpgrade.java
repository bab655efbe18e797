package dev.wspair.jakarta;

import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.engine.RealWebSocket;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers a servlet request with 101 and one end of a {@code WebSocketPair}, for an application
 * that keeps its own servlet:
 *
 * <pre>{@code
 * WebSocketPair pair = new WebSocketPair();
 * pair.server().accept();
 * WebSocketUpgrade.upgrade(request, response, pair.client());
 * }</pre>
 */
public final class WebSocketUpgrade {

    public static final String NOT_AN_UPGRADE = "Worker tried to return a WebSocket in a response to a request which "
            + "did not contain the header \"Upgrade: websocket\".";

    private static final String DEPLOYED = WebSocketUpgrade.class.getName() + ".deployed";

    /** The application's bridge and the endpoint config registered for it (Payara upgrades only with that one). */
    private record Deployed(Bridge bridge, ServerEndpointConfig config) {
    }

    private WebSocketUpgrade() {
    }

    /** Upgrades in {@code context} couple to {@code bridge}'s endpoint, registered with {@code config}. */
    public static void deploy(ServletContext context, Bridge bridge, ServerEndpointConfig config) {
        context.setAttribute(DEPLOYED, new Deployed(bridge, config));
    }

    /**
     * Upgrades the request and couples {@code clientEnd} to the new connection: its other end then
     * reads from and writes to the network.
     *
     * @throws IllegalStateException with workerd's message when the request has no {@code Upgrade:
     *     websocket} or the socket cannot be returned (accepted, already used, or a client)
     * @throws IOException when the container cannot upgrade
     */
    public static void upgrade(HttpServletRequest request, HttpServletResponse response, WebSocket clientEnd)
            throws IOException {
        upgrade(request, response, clientEnd, Map.of(), returned -> { }, () -> { });
    }

    /**
     * A route's upgrade: {@code coupling} sees the returned end once it is reserved for the
     * response; {@code ended} runs once the connection ends, or at once if it does not open.
     */
    public static void upgrade(HttpServletRequest request, HttpServletResponse response, Response answer,
            Consumer<RealWebSocket> coupling, Runnable ended) throws IOException {
        try {
            upgrade(request, response, answer.webSocket(), answer.headers(), coupling, ended);
        } catch (IOException | RuntimeException e) {
            ended.run();
            throw e;
        }
    }

    private static void upgrade(HttpServletRequest request, HttpServletResponse response, WebSocket clientEnd,
            Map<String, String> headers, Consumer<RealWebSocket> coupling, Runnable ended) throws IOException {
        if (!dev.wspair.Request.hasWebSocketUpgrade(request.getHeader("Upgrade"))) {
            throw new IllegalStateException(NOT_AN_UPGRADE);
        }
        RealWebSocket returned = RealWebSocket.of(clientEnd);
        returned.reserveForResponse();
        ServletContext context = request.getServletContext();
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        Deployed deployed = (Deployed) context.getAttribute(DEPLOYED);
        if (container == null || deployed == null) {
            throw new IllegalStateException("The wspair bridge is not deployed in this application: "
                    + "wspair-impl must be in WEB-INF/lib, on a container with Jakarta WebSocket");
        }
        coupling.accept(returned);
        headers.forEach(response::setHeader);
        PendingUpgrades pending = deployed.bridge().pending();
        String id = pending.add(returned, ended);
        try {
            container.upgradeHttpToWebSocket(request, response, deployed.config(), Map.of(BridgeEndpoint.RETURNED_END, id));
        } catch (DeploymentException | IOException | RuntimeException e) {
            pending.abandon(id);
            throw e instanceof IOException ? (IOException) e : new IOException("The container refused the upgrade", e);
        }
        if (response.getStatus() != 101) {
            pending.abandon(id);
            throw new IOException("The container did not upgrade the connection (status " + response.getStatus() + ")");
        }
    }
}
