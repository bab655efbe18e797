package dev.wspair.objects;

import dev.wspair.DurableObjectId;
import dev.wspair.DurableObjectState;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketException;
import dev.wspair.WebSocketRequestResponsePair;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.SocketOwner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * An object's {@code ctx}: its hibernatable sockets with their tags (in acceptance order, as
 * workerd's hibernation manager keeps them), the auto-response, and the handler time limit. It
 * belongs to the object, not to the instance, so it survives hibernation. Its monitor guards the
 * socket bookkeeping only; nothing calls out while it is held.
 *
 * <p>What survives hibernation per socket, beside the connection and the attachment, is its place
 * in the list and its tags (an unmodifiable list, shared when the sockets were accepted with the
 * same one); the auto-response timestamp only for a socket that auto-responded. No record object
 * per socket: an object may hold tens of thousands of idle sockets.
 */
final class ObjectState implements DurableObjectState {

    private final DurableObjectId id;
    private final SocketOwner owner;
    private final Clock clock;
    // Guarded by this.
    /** The sockets in acceptance order. */
    private final List<RealWebSocket> sockets = new ArrayList<>();
    /** Each socket's tags. */
    private final Map<RealWebSocket, List<String>> tagsOf = new IdentityHashMap<>();
    /** When a socket last answered with the auto-response; only sockets that did. */
    private final Map<RealWebSocket, Instant> autoResponded = new IdentityHashMap<>();
    /** Sockets whose client is on another node, behind a link (told of a move in the link's terms); only those. */
    private final Set<RealWebSocket> linked = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile WebSocketRequestResponsePair autoResponse;
    private volatile Duration eventTimeout;

    ObjectState(DurableObjectId id, SocketOwner owner, Clock clock) {
        this.id = id;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public DurableObjectId id() {
        return id;
    }

    @Override
    public void acceptWebSocket(WebSocket ws) {
        accept(RealWebSocket.of(Objects.requireNonNull(ws, "ws")), List.of());
    }

    @Override
    public void acceptWebSocket(WebSocket ws, List<String> tags) {
        Objects.requireNonNull(tags, "tags");
        accept(RealWebSocket.of(Objects.requireNonNull(ws, "ws")), tags);
    }

    /** workerd's checks in its order: the socket, the object's count, then the tags. */
    private void accept(RealWebSocket socket, List<String> tags) {
        socket.checkHibernatable();
        synchronized (this) {
            if (sockets.size() >= ObjectMessages.MAX_SOCKETS) {
                throw new WebSocketException(ObjectMessages.TOO_MANY_SOCKETS);
            }
        }
        List<String> distinct = distinctTags(tags);
        synchronized (this) {
            if (sockets.size() >= ObjectMessages.MAX_SOCKETS) {
                throw new WebSocketException(ObjectMessages.TOO_MANY_SOCKETS);
            }
            sockets.add(socket);
            tagsOf.put(socket, distinct);
        }
        try {
            socket.acceptHibernatable(owner);
        } catch (RuntimeException e) {
            remove(socket);
            throw e;
        }
    }

    /**
     * workerd's tag rules, in its order: the count is checked before duplicates are dropped. Without
     * duplicates the result is {@code List.copyOf(tags)}, which is {@code tags} itself when that is
     * already an unmodifiable list: sockets accepted with one shared list of tags share it.
     */
    private static List<String> distinctTags(List<String> tags) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String tag : tags) {
            if (seen.size() >= ObjectMessages.MAX_TAGS) {
                throw new WebSocketException(ObjectMessages.TOO_MANY_TAGS);
            }
            if (tag.getBytes(StandardCharsets.UTF_8).length > ObjectMessages.MAX_TAG_BYTES) {
                throw new WebSocketException(ObjectMessages.tagTooLong(tag));
            }
            seen.add(tag);
        }
        return seen.size() == tags.size() ? List.copyOf(tags) : List.copyOf(seen);
    }

    @Override
    public List<WebSocket> getWebSockets() {
        List<WebSocket> newestFirst = new ArrayList<>();
        synchronized (this) {
            for (int i = sockets.size() - 1; i >= 0; i--) {
                newestFirst.add(sockets.get(i).shell());
            }
        }
        return newestFirst;
    }

    @Override
    public List<WebSocket> getWebSockets(String tag) {
        Objects.requireNonNull(tag, "tag");
        List<WebSocket> inAcceptanceOrder = new ArrayList<>();
        synchronized (this) {
            for (RealWebSocket socket : sockets) {
                if (tagsOf.get(socket).contains(tag)) {
                    inAcceptanceOrder.add(socket.shell());
                }
            }
        }
        return inAcceptanceOrder;
    }

    @Override
    public List<String> getTags(WebSocket ws) {
        return find(RealWebSocket.of(Objects.requireNonNull(ws, "ws")));
    }

    @Override
    public void setWebSocketAutoResponse(WebSocketRequestResponsePair pair) {
        int request = pair.request().getBytes(StandardCharsets.UTF_8).length;
        if (request > ObjectMessages.MAX_AUTO_RESPONSE_BYTES) {
            throw new IllegalArgumentException(ObjectMessages.requestTooLarge(request));
        }
        int response = pair.response().getBytes(StandardCharsets.UTF_8).length;
        if (response > ObjectMessages.MAX_AUTO_RESPONSE_BYTES) {
            throw new IllegalArgumentException(ObjectMessages.responseTooLarge(response));
        }
        autoResponse = pair;
    }

    @Override
    public void setWebSocketAutoResponse() {
        autoResponse = null;
    }

    @Override
    public WebSocketRequestResponsePair getWebSocketAutoResponse() {
        return autoResponse;
    }

    @Override
    public Instant getWebSocketAutoResponseTimestamp(WebSocket ws) {
        RealWebSocket socket = RealWebSocket.of(Objects.requireNonNull(ws, "ws"));
        find(socket);
        synchronized (this) {
            return autoResponded.get(socket);
        }
    }

    @Override
    public void setHibernatableWebSocketEventTimeout(Duration timeout) {
        if (timeout != null && timeout.toMillis() > ObjectMessages.MAX_EVENT_TIMEOUT_MS) {
            throw new WebSocketException(ObjectMessages.EVENT_TIMEOUT_TOO_LONG);
        }
        eventTimeout = timeout == null || timeout.isZero() ? null : timeout;
    }

    @Override
    public Duration getHibernatableWebSocketEventTimeout() {
        return eventTimeout;
    }

    @Override
    public <T> T blockConcurrencyWhile(Callable<T> task) throws Exception {
        return task.call();
    }

    /** The response to a text message, from the frame reader's thread. */
    String autoResponseTo(String text) {
        WebSocketRequestResponsePair pair = autoResponse;
        return pair != null && pair.request().equals(text) ? pair.response() : null;
    }

    void autoResponded(RealWebSocket socket) {
        Instant now = clock.instant();
        synchronized (this) {
            if (tagsOf.containsKey(socket)) {
                autoResponded.put(socket, now);
            }
        }
    }

    /** After the socket's close or error handler: it is no more listed. */
    void remove(RealWebSocket socket) {
        synchronized (this) {
            if (tagsOf.remove(socket) != null) {
                sockets.remove(socket);
                autoResponded.remove(socket);
                linked.remove(socket);
            }
        }
    }

    /** The accepted sockets now, in acceptance order. */
    synchronized List<RealWebSocket> accepted() {
        return List.copyOf(sockets);
    }

    /** {@code socket}'s client is on another node, behind a link; no-op for a socket not accepted here. */
    synchronized void markLinked(RealWebSocket socket) {
        if (tagsOf.containsKey(socket)) {
            linked.add(socket);
        }
    }

    /** Whether {@link #markLinked} marked {@code socket}. */
    synchronized boolean linked(RealWebSocket socket) {
        return linked.contains(socket);
    }

    synchronized int socketCount() {
        return sockets.size();
    }

    /** The tags of an accepted socket; workerd's errors for one that is not. */
    private List<String> find(RealWebSocket socket) {
        List<String> tags;
        synchronized (this) {
            tags = tagsOf.get(socket);
        }
        if (tags != null) {
            return tags;
        }
        if (socket.accepted() && !socket.hibernatable()) {
            throw new WebSocketException(ObjectMessages.TAGS_NOT_HIBERNATABLE);
        }
        throw new WebSocketException(ObjectMessages.TAGS_NOT_ACCEPTED);
    }
}
