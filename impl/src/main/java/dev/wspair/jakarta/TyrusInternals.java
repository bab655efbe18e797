package dev.wspair.jakarta;

import dev.wspair.engine.Utf8;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import java.lang.System.Logger.Level;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What JSR-356 does not offer and Tyrus 2.1 has, reached reflectively (Payara's Tyrus lives in
 * another class loader): the session's {@code TyrusWebSocket} (the package-private field {@code
 * webSocket} of {@code TyrusRemoteEndpoint}), its public {@code sendRawFrame(ByteBuffer)}, which
 * writes a frame without changing Tyrus's state, its private state ({@code AtomicReference<State>
 * state}: NEW, CONNECTED, CLOSING, CLOSED), and its public {@code onClose(CloseFrame)}. With them
 * our own Close goes out while Tyrus still reads (so the peer's answer and what it sends before it
 * arrive), and when the answer comes Tyrus closes the TCP connection without echoing it: Tyrus
 * echoes only when its compare-and-set from CONNECTED to CLOSING succeeds after {@code onClose}.
 * Our answer to a Close the peer started goes out the same way, so that it is exactly the socket's
 * (Tyrus's own close sends 1000 for 1005). An empty Close from the peer is told apart by identity:
 * Tyrus's {@code CloseFrame} refuses a body shorter than 2 bytes with a {@code ProtocolException}
 * whose close reason, for a body of 0 bytes alone, is its one {@code CloseReasons.NORMAL_CLOSURE}
 * instance, and its reader hands that to {@code onClose}; every Close with a body gets a new
 * CloseReason. {@code TyrusInternalsTest} fails when a Tyrus update changes any of these.
 */
final class TyrusInternals {

    private static final System.Logger LOG = System.getLogger(TyrusInternals.class.getName());

    /** The handles for one Tyrus (one class loader); null until first used, {@link #MISSING} when absent. */
    private static volatile TyrusInternals resolved;
    private static final TyrusInternals MISSING = new TyrusInternals();

    private final Field webSocket;
    private final Method sendRawFrame;
    private final Field state;
    private final Method onClose;
    private final Constructor<?> closeFrame;
    private final Object connected;
    private final Object closing;
    private final Class<?> remoteType;
    /** What Tyrus reports for a Close with an empty body: its one {@code CloseReasons.NORMAL_CLOSURE} instance. */
    private final Object emptyClose;

    private TyrusInternals() {
        webSocket = null;
        sendRawFrame = null;
        state = null;
        onClose = null;
        closeFrame = null;
        connected = null;
        closing = null;
        remoteType = null;
        emptyClose = null;
    }

    private TyrusInternals(Class<?> remoteType) throws ReflectiveOperationException {
        this.remoteType = remoteType;
        Field found = null;
        for (Class<?> type = remoteType; type != null && found == null; type = type.getSuperclass()) {
            try {
                found = type.getDeclaredField("webSocket");
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        if (found == null) {
            throw new NoSuchFieldException(remoteType.getName() + ".webSocket");
        }
        found.setAccessible(true);
        webSocket = found;
        Class<?> socketType = webSocket.getType();
        sendRawFrame = socketType.getMethod("sendRawFrame", ByteBuffer.class);
        state = socketType.getDeclaredField("state");
        if (state.getType() != AtomicReference.class) {
            throw new NoSuchFieldException(socketType.getName() + ".state is no AtomicReference: " + state.getType());
        }
        state.setAccessible(true);
        Class<?> frameType = Class.forName("org.glassfish.tyrus.core.frame.CloseFrame", false, socketType.getClassLoader());
        onClose = socketType.getMethod("onClose", frameType);
        closeFrame = frameType.getConstructor(CloseReason.class);
        Class<?> stateType = Class.forName(socketType.getName() + "$State", false, socketType.getClassLoader());
        connected = constant(stateType, "CONNECTED");
        closing = constant(stateType, "CLOSING");
        Class<?> reasons = Class.forName("org.glassfish.tyrus.core.CloseReasons", false, socketType.getClassLoader());
        emptyClose = reasons.getMethod("getCloseReason").invoke(constant(reasons, "NORMAL_CLOSURE"));
    }

    /** The handles for a Tyrus whose async remote endpoint is {@code remoteType}; throws when any is missing. */
    static TyrusInternals resolve(Class<?> remoteType) throws ReflectiveOperationException {
        return new TyrusInternals(remoteType);
    }

    private static Object constant(Class<?> enumType, String name) throws NoSuchFieldException {
        for (Object value : enumType.getEnumConstants()) {
            if (((Enum<?>) value).name().equals(name)) {
                return value;
            }
        }
        throw new NoSuchFieldException(enumType.getName() + "." + name);
    }

    /** The handles for {@code remote}'s Tyrus, or null (logged once) when this Tyrus lacks them. */
    static TyrusInternals of(RemoteEndpoint remote) {
        TyrusInternals handles = resolved;
        if (handles == null || (handles != MISSING && handles.remoteType != remote.getClass())) {
            try {
                handles = resolve(remote.getClass());
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.WARNING, "This Tyrus lacks what the close handshake uses (TyrusRemoteEndpoint.webSocket, "
                        + "TyrusWebSocket.sendRawFrame, state, onClose(CloseFrame)); after its own close() a socket "
                        + "reports its own code at once (README, D7), and Tyrus answers a peer's Close itself "
                        + "(1000 for an empty body or a close() without code)", e);
                handles = MISSING;
            }
            resolved = handles;
        }
        return handles == MISSING ? null : handles;
    }

    /**
     * Whether {@code reason} is Tyrus's report of a Close with an empty body: Tyrus hands the
     * endpoint its one {@code CloseReasons.NORMAL_CLOSURE} instance (1000, "Normal closure.") for
     * that alone (CloseFrame), and a new CloseReason for every Close with a body.
     */
    boolean isEmptyClose(CloseReason reason) {
        return reason == emptyClose;
    }

    /** The session's TyrusWebSocket. */
    Object socketOf(RemoteEndpoint remote) {
        try {
            return webSocket.get(remote);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a Close frame with {@code reason} (an empty body for 1005, as workerd sends it), masked
     * when {@code masked} (a client's), after every frame written before it; Tyrus's state stays
     * as it is. False when Tyrus refused it (the connection is closed).
     */
    boolean sendClose(Object socket, CloseReason reason, boolean masked) {
        try {
            sendRawFrame.invoke(socket, closeFrame(reason, masked));
            return true;
        } catch (InvocationTargetException e) {
            LOG.log(Level.DEBUG, "Tyrus refused our Close (the connection is closed)", e.getCause());
            return false;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves Tyrus from CONNECTED to CLOSING, as its own close does, without a frame: when its
     * {@code onClose} for the peer's Close returns, Tyrus closes the connection instead of echoing.
     */
    boolean stopEcho(Object socket) {
        try {
            @SuppressWarnings("unchecked")
            AtomicReference<Object> current = (AtomicReference<Object>) state.get(socket);
            return current.compareAndSet(connected, closing);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends the connection without a Close frame, as a lost one: Tyrus reports {@code reason} to the
     * endpoint's onClose on this thread (unless another thread is inside Tyrus's onClose already)
     * and closes the TCP connection.
     */
    void drop(Object socket, CloseReason reason) {
        stopEcho(socket);
        try {
            onClose.invoke(socket, closeFrame.newInstance(reason));
        } catch (InvocationTargetException e) {
            LOG.log(Level.DEBUG, "Tyrus failed to close a connection", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Close frame as it goes on the wire: FIN and opcode 8, the length, a client's mask, the body. */
    static ByteBuffer closeFrame(CloseReason reason, boolean masked) {
        int code = reason.getCloseCode().getCode();
        byte[] text = code == 1005 ? new byte[0]
                : Utf8.truncate(reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase(), 123).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[code == 1005 ? 0 : 2 + text.length];
        if (code != 1005) {
            body[0] = (byte) (code >> 8);
            body[1] = (byte) code;
            System.arraycopy(text, 0, body, 2, text.length);
        }
        byte[] mask = null;
        if (masked) {
            mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i & 3];
            }
        }
        int header = FrameHeader.size(body.length, masked);
        byte[] frame = new byte[header + body.length];
        FrameHeader.write(frame, FrameHeader.CLOSE, body.length, mask);
        System.arraycopy(body, 0, frame, header, body.length);
        return ByteBuffer.wrap(frame);
    }
}
