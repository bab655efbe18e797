package dev.wspair;

import java.util.Iterator;
import java.util.List;

/**
 * Two connected WebSockets, as {@code new WebSocketPair()} in Workers: what one end sends, the
 * other receives. Keep {@link #server()} and {@link WebSocket#accept() accept} it; return {@link #client()}
 * in a 101 response to connect the server end to the network.
 *
 * <pre>{@code
 * WebSocketPair pair = new WebSocketPair();
 * WebSocket client = pair.client(), server = pair.server();   // const [client, server] = Object.values(pair)
 * }</pre>
 */
public final class WebSocketPair implements Iterable<WebSocket> {

    private final WebSocket client;
    private final WebSocket server;

    /**
     * Creates a new pair with the engine found on the class path.
     *
     * @throws IllegalStateException when {@code wspair-impl} is not on the class path
     */
    public WebSocketPair() {
        WebSocket[] ends = WebSocketProvider.provider().newPairEnds();
        this.client = ends[0];
        this.server = ends[1];
    }

    WebSocketPair(WebSocket client, WebSocket server) {
        this.client = client;
        this.server = server;
    }

    /**
     * The end to return to the caller: {@code pair[0]}.
     *
     * @return the client end
     */
    public WebSocket client() {
        return client;
    }

    /**
     * The end to accept and keep: {@code pair[1]}.
     *
     * @return the server end
     */
    public WebSocket server() {
        return server;
    }

    /**
     * {@code pair[index]}: 0 is the client end, 1 the server end.
     *
     * @param index 0 or 1
     * @return that end
     * @throws IndexOutOfBoundsException for another index
     */
    public WebSocket get(int index) {
        switch (index) {
            case 0:
                return client;
            case 1:
                return server;
            default:
                throw new IndexOutOfBoundsException("A WebSocketPair has the ends 0 and 1, not " + index);
        }
    }

    /**
     * {@code Object.values(pair)}.
     *
     * @return the client end, then the server end
     */
    public List<WebSocket> values() {
        return List.of(client, server);
    }

    /** Iterates the client end, then the server end. */
    @Override
    public Iterator<WebSocket> iterator() {
        return values().iterator();
    }
}
