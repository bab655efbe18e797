package dev.wspair.jakarta;

import io.undertow.server.protocol.framed.AbstractFramedChannel;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.jsr.UndertowSession;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * The one place that reaches Undertow 2.3's own API (WildFly), loaded only when the session is
 * Undertow's: on Payara and the embedded runtime these classes are absent. JSR-356 hides the
 * frames; Undertow's {@code WebSocketChannel} shows them:
 *
 * <ul>
 * <li>{@link #read}: our own receive listener replaces Undertow's JSR {@code FrameHandler} (which
 * {@code UndertowSession} installs before {@code onOpen}; receives resume after it), so we see every
 * frame, the peer's Close included, before anything is echoed. Pings are still answered (the
 * listener's default); messages are buffered with the session's limits and handed to the socket on
 * Undertow's I/O thread inside the container's endpoint context (as every endpoint call), where
 * the socket only queues them for its executor: so a Close read before the connection ended reaches
 * the socket before Undertow's report of that end, which Undertow schedules on the same thread.</li>
 * <li>Undertow refuses every data frame once it has read a Close ({@code WebSocketChannel.send}:
 * "UT002002", from its private {@code closeFrameReceived}, set as the frame header is parsed).
 * {@link #keepWriting} clears that flag, so that the socket can still send until it answers;
 * {@link #sendClose} sets it again once our answer is written, and ends the connection.</li>
 * <li>Undertow's {@code xnio} types are not visible to a deployment on WildFly: the two places
 * that need them ({@code getReceiveSetter().set}, the buffers of a binary message) go through
 * reflection on public methods.</li>
 * </ul>
 * {@code UndertowChannelTest} runs a real Undertow server and fails when an update changes any of this.
 */
final class UndertowChannel {

    private static final System.Logger LOG = System.getLogger(UndertowChannel.class.getName());

    /** What the listener hands over, on Undertow's I/O thread, in the order read. */
    interface Reader {
        void text(String text);

        void binary(byte[] bytes);

        /** The peer's Close: code 1005 and "" for an empty body. */
        void close(int code, String reason);

        /** Undertow failed the connection (protocol error, limit, reset); it is being closed. */
        void failed(Throwable error);
    }

    private static final Handles HANDLES = Handles.resolve();

    private final UndertowSession session;
    private final WebSocketChannel channel;
    /** The connection is being closed: a held half-close goes through. */
    private volatile boolean closing;
    /** Our own first Close is handed to the I/O thread and not yet written. Guarded by this. */
    private boolean ownCloseUnwritten;
    /** The connection is to end once our own first Close is written ({@link #endAfterOurClose}). Guarded by this. */
    private boolean endWhenWritten;

    private UndertowChannel(UndertowSession session) {
        this.session = session;
        this.channel = session.getWebSocketChannel();
    }

    /** The channel of {@code session}, or null when Undertow's internals are not what this class expects. */
    static UndertowChannel of(Session session) {
        return HANDLES == null || !(session instanceof UndertowSession) ? null : new UndertowChannel((UndertowSession) session);
    }

    /** Reads every frame through {@code reader} from now on; call it in {@code onOpen}, before receives resume. */
    void read(Reader reader) {
        try {
            Object setter = HANDLES.receiveSetter.invoke(channel);
            HANDLES.set.invoke(setter, new Listener(reader));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Undertow's receive listener could not be set", e);
        }
    }

    /** The peer's Close is ours to answer: let data frames through until we do. */
    void keepWriting() {
        setCloseFrameReceived(false);
    }

    /**
     * Writes a Close (code 1005: an empty body) after the frames handed over before it. {@code last}:
     * it answers the peer's Close, so the connection ends once it is written. Otherwise it is our own
     * first Close and the connection goes on reading: Undertow would half-close TCP (FIN) as soon as
     * it is written, and a peer that sees the connection end gives no answer, so that half-close is
     * held until the connection ends ({@link #holdWriteShutdown}).
     */
    void sendClose(int code, String reason, boolean last) {
        if (!last) {
            synchronized (this) {
                ownCloseUnwritten = true;
            }
            // on the I/O thread, which reads the connection's sink conduit: it sees the held one before the Close is written
            ioThread().execute(() -> {
                holdWriteShutdown();
                writeClose(code, reason, false);
            });
            return;
        }
        writeClose(code, reason, true);
    }

    private void writeClose(int code, String reason, boolean last) {
        if (code == 1005) {
            // WebSockets.sendClose turns an empty body into 1000: this is Undertow's one empty Close
            try {
                channel.sendClose();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Our Close could not be written", e);
                abort();
                return;
            }
            if (last) {
                setCloseFrameReceived(true);
            } else {
                // queued on the framed channel, and flushed at once but for a peer that stopped reading
                ownCloseWritten();
            }
            return;
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).flip();
        WebSockets.sendClose(payload, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel written, Void context) {
                if (last) {
                    setCloseFrameReceived(true);
                    abort();
                } else {
                    ownCloseWritten();
                }
            }

            @Override
            public void onError(WebSocketChannel failed, Void context, Throwable throwable) {
                LOG.log(Level.DEBUG, "Our Close could not be written", throwable);
                abort();
            }
        });
    }

    /**
     * Replaces the connection's sink conduit with one that ignores Undertow's half-close (its
     * {@code terminateWrites}) until the connection is closed: a {@link Proxy} of xnio's {@code
     * StreamSinkConduit}, which a deployment cannot name. Every other call goes to the original.
     */
    private void holdWriteShutdown() {
        try {
            Object sink = HANDLES.sinkChannel.invoke(HANDLES.connection.get(channel));
            Object conduit = HANDLES.getConduit.invoke(sink);
            Class<?> type = HANDLES.setConduit.getParameterTypes()[0];
            Object held = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                if (method.getName().equals("terminateWrites") && !closing) {
                    return null;
                }
                try {
                    return method.invoke(conduit, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
            HANDLES.setConduit.invoke(sink, held);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Undertow's half-close after our Close could not be held; the peer may see the "
                    + "connection end before it answers", e);
        }
    }

    private Executor ioThread() {
        try {
            return (Executor) HANDLES.ioThread.invoke(channel);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Undertow's WebSocketChannel.getIoThread() could not be called", e);
        }
    }

    /**
     * Ends the TCP connection once our own first Close is written: the peer's answer (or its own
     * Close crossing ours) can be read while our Close still waits for the I/O thread, when the
     * socket closed on another thread just as that Close arrived; ending at once would drop ours.
     */
    void endAfterOurClose() {
        synchronized (this) {
            if (ownCloseUnwritten) {
                endWhenWritten = true;
                return;
            }
        }
        abort();
    }

    private void ownCloseWritten() {
        boolean end;
        synchronized (this) {
            ownCloseUnwritten = false;
            end = endWhenWritten;
        }
        if (end) {
            abort();
        }
    }

    /** Ends the TCP connection now; Undertow then reports the session's end ({@code onClose}). */
    void abort() {
        closing = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing Undertow's channel failed", e);
        }
    }

    private void setCloseFrameReceived(boolean received) {
        try {
            HANDLES.closeFrameReceived.setBoolean(channel, received);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Undertow's WebSocketChannel.closeFrameReceived could not be set", e);
        }
    }

    /** Replaces Undertow's FrameHandler: no echo of a Close, no JSR message handlers. */
    private final class Listener extends AbstractReceiveListener {
        private final Reader reader;

        Listener(Reader reader) {
            this.reader = reader;
        }

        /**
         * On this I/O thread, with the application's context as for any endpoint call (WildFly: its
         * class loader, naming, security), which an executor the socket hands work to captures.
         */
        private void inContext(Runnable call) {
            session.getContainer().invokeEndpointMethod(call);
        }

        @Override
        protected void onFullTextMessage(WebSocketChannel from, BufferedTextMessage message) {
            String text = message.getData();
            inContext(() -> reader.text(text));
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel from, BufferedBinaryMessage message) {
            byte[] bytes = bytes(message);
            inContext(() -> reader.binary(bytes));
        }

        @Override
        protected void onFullCloseMessage(WebSocketChannel from, BufferedBinaryMessage message) {
            ByteBuffer payload = ByteBuffer.wrap(bytes(message));
            int code = payload.remaining() >= 2 ? payload.getShort() & 0xFFFF : 1005;
            String reason = StandardCharsets.UTF_8.decode(payload).toString();
            // on this I/O thread at once: until the socket answers, its sends must not be refused
            keepWriting();
            inContext(() -> reader.close(code, reason));
        }

        @Override
        protected void onError(WebSocketChannel failed, Throwable error) {
            try {
                inContext(() -> reader.failed(error));
            } finally {
                abort();
            }
        }

        @Override
        protected long getMaxTextBufferSize() {
            return session.getMaxTextMessageBufferSize();
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return session.getMaxBinaryMessageBufferSize();
        }
    }

    /** The message's bytes; its pooled buffers are given back. */
    private static byte[] bytes(BufferedBinaryMessage message) {
        try {
            Object pooled = HANDLES.data.invoke(message);
            try {
                ByteBuffer[] buffers = (ByteBuffer[]) HANDLES.resource.invoke(pooled);
                int size = 0;
                for (ByteBuffer buffer : buffers) {
                    size += buffer.remaining();
                }
                ByteBuffer all = ByteBuffer.allocate(size);
                for (ByteBuffer buffer : buffers) {
                    all.put(buffer);
                }
                return all.array();
            } finally {
                HANDLES.close.invoke(pooled);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Undertow's message buffers could not be read", e);
        }
    }

    /** The reflective handles, resolved once; null (and a warning) when Undertow changed. */
    static final class Handles {
        final Field closeFrameReceived;
        final Method receiveSetter;
        final Method set;
        final Method data;
        final Method resource;
        final Method close;
        final Method ioThread;
        final Field connection;
        final Method sinkChannel;
        final Method getConduit;
        final Method setConduit;

        private Handles() throws ReflectiveOperationException {
            closeFrameReceived = WebSocketChannel.class.getDeclaredField("closeFrameReceived");
            if (closeFrameReceived.getType() != boolean.class) {
                throw new NoSuchFieldException("WebSocketChannel.closeFrameReceived is no boolean");
            }
            closeFrameReceived.setAccessible(true);
            receiveSetter = WebSocketChannel.class.getMethod("getReceiveSetter");
            set = method(receiveSetter.getReturnType(), "set");
            data = BufferedBinaryMessage.class.getMethod("getData");
            resource = data.getReturnType().getMethod("getResource");
            close = data.getReturnType().getMethod("close");
            ioThread = WebSocketChannel.class.getMethod("getIoThread");
            if (!Executor.class.isAssignableFrom(ioThread.getReturnType())) {
                throw new NoSuchMethodException("WebSocketChannel.getIoThread() is no Executor");
            }
            connection = AbstractFramedChannel.class.getDeclaredField("channel");
            connection.setAccessible(true);
            sinkChannel = connection.getType().getMethod("getSinkChannel");
            getConduit = sinkChannel.getReturnType().getMethod("getConduit");
            setConduit = method(sinkChannel.getReturnType(), "setConduit");
            if (!setConduit.getParameterTypes()[0].isInterface()) {
                throw new NoSuchMethodException(setConduit + " takes no interface");
            }
        }

        private static Method method(Class<?> type, String name) throws NoSuchMethodException {
            for (Method method : type.getMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == 1) {
                    return method;
                }
            }
            throw new NoSuchMethodException(type.getName() + "." + name);
        }

        static Handles resolve() {
            try {
                return new Handles();
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.WARNING, "Undertow's WebSocketChannel is not what wspair expects; a peer's Close is "
                        + "echoed by Undertow itself (README, D10)", e);
                return null;
            }
        }

        /** Whether every handle resolved (for the test that fails when Undertow changes). */
        static boolean resolved() {
            return HANDLES != null;
        }
    }
}
