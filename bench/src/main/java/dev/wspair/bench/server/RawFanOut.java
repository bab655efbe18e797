package dev.wspair.bench.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container's ceiling for the fan-out row: a plain JSR-356 endpoint that sends each message to
 * every session of its room with {@code getAsyncRemote().sendText(text, handler)}, what {@link
 * BenchRoom} does through wspair, without it. The room belongs to the endpoint's configuration.
 */
public final class RawFanOut extends Endpoint {

    private static final SendHandler IGNORE = result -> { };

    private final Set<Session> room;

    RawFanOut(Set<Session> room) {
        this.room = room;
    }

    /** The configuration of the endpoint at {@code path}, with its own room. */
    static ServerEndpointConfig config(String path) {
        Set<Session> room = ConcurrentHashMap.newKeySet();
        return ServerEndpointConfig.Builder.create(RawFanOut.class, path).configurator(new ServerEndpointConfig.Configurator() {
            @Override
            public <T> T getEndpointInstance(Class<T> type) {
                return type.cast(new RawFanOut(room));
            }
        }).build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        room.add(session);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            for (Session member : room) {
                member.getAsyncRemote().sendText(text, IGNORE);
            }
        });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        room.remove(session);
    }
}
