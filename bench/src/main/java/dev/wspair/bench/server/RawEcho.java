package dev.wspair.bench.server;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * The baseline: a plain programmatic JSR-356 echo endpoint, written the way a developer who cares
 * about speed writes one on Tyrus: whole-message handlers, asynchronous sends with one shared
 * completion handler, no CDI, no copies. No idle timeout: the embedded runtime's default (-1) leaves
 * Tyrus's timer pool alone (a timeout of 0 would schedule a task per message there).
 */
public final class RawEcho extends Endpoint {

    private static final SendHandler IGNORE = result -> { };

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        RemoteEndpoint.Async remote = session.getAsyncRemote();
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> remote.sendText(text, IGNORE));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> remote.sendBinary(data, IGNORE));
    }
}
