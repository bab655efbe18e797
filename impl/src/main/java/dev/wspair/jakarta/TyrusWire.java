package dev.wspair.jakarta;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Writes prepared frames ({@link ServerTextFrames}) to a Tyrus server session, below JSR-356: to the
 * transport writer Tyrus's own {@code ProtocolHandler} writes its frames to (Grizzly's, which keeps
 * the order of its writes). Only for a server session with no extension negotiated (no
 * permessage-deflate: the frame would have to be compressed) and only where Tyrus is loaded with
 * wspair (the embedded runtime; not Payara's own Tyrus, whose classes are not ours). Each write
 * checks, as Tyrus's {@code sendText} does, that the socket is still connected, and falls back to
 * the normal path when it is not or when the writer is gone. The connection's outbound queue still
 * orders every frame: this only replaces the container call of a text frame. What Tyrus's {@code
 * sendText} does besides framing and writing is not needed here: its idle-timeout restart (the
 * bridge sets Tyrus's idle timeout off and keeps its own timers) and its monitoring listener
 * (Tyrus's JMX monitoring, which the embedded runtime does not enable; wspair's metrics count the
 * frame in the bridge).
 *
 * <p>Tyrus's internals (2.1.x): the session's {@code TyrusWebSocket}, found as the close handshake
 * finds it ({@link TyrusInternals#socketOf}), and {@link VarHandle}s on its {@code protocolHandler}
 * and the handler's {@code writer} and {@code client}; when any is not there, {@link #of} returns
 * null and every frame takes the normal path.
 */
final class TyrusWire {

    private static final System.Logger LOG = System.getLogger(TyrusWire.class.getName());
    private static final Handles HANDLES = handles();

    private final TyrusWebSocket webSocket;
    private final ProtocolHandler protocol;

    private TyrusWire(TyrusWebSocket webSocket, ProtocolHandler protocol) {
        this.webSocket = webSocket;
        this.protocol = protocol;
    }

    /**
     * The wire of {@code session}, whose remote {@code async} is, or null when prepared frames cannot
     * go to it. The remote is the one taken when the session opened: a closing session no longer
     * hands it out, and this may be asked first then (a half-open socket's first send).
     */
    static TyrusWire of(Session session, RemoteEndpoint.Async async) {
        if (HANDLES == null || !session.getNegotiatedExtensions().isEmpty()
                || !(async instanceof TyrusRemoteEndpoint remote)) {
            return null;
        }
        TyrusInternals tyrus = TyrusInternals.of(remote);
        if (tyrus == null || !(tyrus.socketOf(remote) instanceof TyrusWebSocket webSocket)) {
            return null;
        }
        ProtocolHandler protocol = (ProtocolHandler) HANDLES.protocol.get(webSocket);
        if (protocol == null || protocol.hasExtensions() || (boolean) HANDLES.client.get(protocol)) {
            return null;
        }
        return new TyrusWire(webSocket, protocol);
    }

    /**
     * Writes {@code frame}; {@code done} gets null once it is written, or the failure.
     *
     * @return false, and nothing was written, when the socket is no longer connected: the caller takes the normal path
     */
    boolean write(byte[] frame, Consumer<Throwable> done) {
        Writer writer = (Writer) HANDLES.writer.getVolatile(protocol);
        if (writer == null || !webSocket.isConnected()) {
            return false;
        }
        writer.write(ByteBuffer.wrap(frame), new Completion(done));
        return true;
    }

    private static final class Completion extends CompletionHandler<ByteBuffer> {
        private final Consumer<Throwable> done;

        Completion(Consumer<Throwable> done) {
            this.done = done;
        }

        @Override
        public void completed(ByteBuffer result) {
            done.accept(null);
        }

        @Override
        public void failed(Throwable throwable) {
            done.accept(throwable);
        }

        @Override
        public void cancelled() {
            done.accept(new IllegalStateException("The write was cancelled"));
        }
    }

    /** The handles, or null (logged) when this Tyrus lacks one. */
    private static Handles handles() {
        try {
            return Handles.resolve();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus's frame writer is not reachable; text frames take the JSR-356 path", e);
            return null;
        }
    }

    /** Below the session's TyrusWebSocket ({@link TyrusInternals#socketOf}): its handler, the handler's writer and side. */
    record Handles(VarHandle protocol, VarHandle writer, VarHandle client) {
        /** The handles in the Tyrus loaded with wspair; {@code TyrusInternalsTest} checks them. */
        static Handles resolve() throws ReflectiveOperationException {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            return new Handles(
                    MethodHandles.privateLookupIn(TyrusWebSocket.class, lookup)
                            .findVarHandle(TyrusWebSocket.class, "protocolHandler", ProtocolHandler.class),
                    MethodHandles.privateLookupIn(ProtocolHandler.class, lookup)
                            .findVarHandle(ProtocolHandler.class, "writer", Writer.class),
                    MethodHandles.privateLookupIn(ProtocolHandler.class, lookup)
                            .findVarHandle(ProtocolHandler.class, "client", boolean.class));
        }
    }
}
