package dev.wspair.jakarta;

import dev.wspair.WebSocketException;
import dev.wspair.engine.Frame;
import dev.wspair.engine.FrameWriter;
import dev.wspair.engine.OutboundQueue;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.Utf8;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One container session coupled to the socket the network feeds. It writes the socket's frames
 * to the session and turns the container's callbacks into frames for the socket: readyState and
 * close codes come from the engine's bookkeeping, never from the container, which rewrites them.
 *
 * <p>Containers never let an endpoint read the peer's answer to its own Close ({@code onClose}
 * fires inside {@code session.close()} and the connection goes), so after our Close the socket
 * gets the answer an auto-replying peer sends: its own code and reason.
 */
public final class BridgedConnection implements FrameWriter {

    private static final System.Logger LOG = System.getLogger(BridgedConnection.class.getName());
    static final int IDLE_CODE = 1001;
    static final String IDLE_REASON = "idle timeout";

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final Container container;
    private final BridgeSettings settings;
    private final OutboundQueue queue;
    /** Tyrus provided by an application server (Payara), which schedules on its managed executor per frame. */
    private final boolean serverTyrus;
    private volatile RealWebSocket socket;

    /** The peer's Close arrived; the container has echoed it (Undertow) or will when onClose returns (Tyrus). */
    private volatile CloseReason peerClose;
    /** Tyrus: our answer to the peer's Close is ready; onClose may return and let the container send it. */
    private final CountDownLatch answered = new CountDownLatch(1);
    /** The thread inside session.close() for our own Close: an onClose on it reports that close. */
    private volatile Thread closingThread;
    /** Our own Close, once the socket closed first. Guarded by this, with peerClose: whichever is set first decides. */
    private CloseReason ownClose;
    /** Our own Close has been handed to the container (queued for writing). */
    private final CountDownLatch ownCloseHandedOver = new CountDownLatch(1);
    /** The session is closed, or closing by the container's own doing. */
    private volatile boolean sessionDone;
    /** The socket was told how the connection ended; later callbacks are ignored. */
    private final AtomicBoolean ended = new AtomicBoolean();
    /** What onError reported, for the onClose that follows. */
    private volatile Throwable reportedError;
    /** When a message last went either way, or a Ping went out (System.nanoTime). */
    private volatile long lastActivity = System.nanoTime();
    private volatile long lastPing = lastActivity;
    private final AtomicBoolean idleClosed = new AtomicBoolean();

    BridgedConnection(Session session, BridgeSettings settings) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.container = Container.of(session);
        this.serverTyrus = container == Container.TYRUS && session.getClass().getClassLoader() != getClass().getClassLoader();
        this.settings = settings;
        this.queue = new OutboundQueue(this, container.window, settings.sendLimits());
        // our own timers apply the idle timeout; Tyrus schedules a task per frame unless it is negative
        session.setMaxIdleTimeout(container == Container.TYRUS ? -1 : 0);
        // the container's own limit is above ours, so that the peer gets workerd's 1009 text from us
        int containerLimit = (int) Math.min(Integer.MAX_VALUE - 64, 2L * settings.maxMessageSize() + 14);
        session.setMaxTextMessageBufferSize(containerLimit);
        session.setMaxBinaryMessageBufferSize(containerLimit);
    }

    Session session() {
        return session;
    }

    /** Couples the returned end to this session; the other end now talks to the network. */
    RealWebSocket couple(RealWebSocket returned) {
        socket = returned.otherEnd();
        returned.coupleTo(queue);
        readMessages();
        return socket;
    }

    /**
     * Opens a client socket ({@code new WebSocket(url)}) on this session.
     *
     * @return the socket, or null when its {@code close()} cancelled the attempt
     */
    public RealWebSocket open(RealWebSocket client, String protocol, String extensions) {
        socket = client;
        if (!client.opened(queue, protocol, extensions)) {
            return null;
        }
        readMessages();
        return client;
    }

    /** Feeds a socket from an outbound handshake, which reads once it is accepted. */
    public RealWebSocket attach(RealWebSocket fetched) {
        socket = fetched;
        fetched.attachNetwork(queue);
        readMessages();
        return fetched;
    }

    private void readMessages() {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) this::onBinary);
    }

    RealWebSocket socket() {
        return socket;
    }

    // ---- frames out ----

    @Override
    public void write(Frame frame, Consumer<Throwable> done) {
        lastActivity = System.nanoTime();
        if (serverTyrus && frame.kind() != Frame.Kind.CLOSE) {
            NoContextProviders.run(() -> writeFrame(frame, done));
        } else {
            writeFrame(frame, done);
        }
    }

    private void writeFrame(Frame frame, Consumer<Throwable> done) {
        try {
            switch (frame.kind()) {
                case TEXT:
                    if (dropAfterPeerClose(done)) {
                        return;
                    }
                    remote.sendText(frame.text(), completion(done));
                    break;
                case BINARY:
                    if (dropAfterPeerClose(done)) {
                        return;
                    }
                    remote.sendBinary(ByteBuffer.wrap(frame.bytes()), completion(done));
                    break;
                case CLOSE:
                    writeClose(frame.code(), frame.reason());
                    done.accept(null);
                    break;
                default:
                    throw new IllegalArgumentException("Not a frame to write: " + frame);
            }
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    /**
     * After the peer's Close, a container that has already echoed it refuses every frame; workerd
     * would deliver them (half-open). They are dropped silently, as for a peer that stopped reading.
     */
    private boolean dropAfterPeerClose(Consumer<Throwable> done) {
        if (peerClose != null && !container.echoesAfterOnClose) {
            done.accept(null);
            return true;
        }
        return false;
    }

    private SendHandler completion(Consumer<Throwable> done) {
        return result -> done.accept(result.isOK() || refusedAfterPeerClose(result.getException()) ? null : result.getException());
    }

    /**
     * Undertow refuses data frames ("UT002002: Channel is closed") as soon as its I/O thread has read
     * the peer's Close, before {@code onClose} tells us: such a frame is dropped, as after {@code
     * onClose} (D24), and the {@code onClose} that follows ends the socket.
     */
    private boolean refusedAfterPeerClose(Throwable failure) {
        if (container != Container.UNDERTOW || failure == null || !String.valueOf(failure.getMessage()).startsWith("UT002002")) {
            return false;
        }
        synchronized (this) {
            return ownClose == null;
        }
    }

    private void writeClose(int code, String reason) {
        CloseReason ours = closeReason(code, reason);
        CloseReason peer;
        synchronized (this) {
            peer = peerClose;
            if (peer == null) {
                ownClose = ours;
            }
        }
        if (peer != null) {
            answer(peer, ours);
            return;
        }
        // If the peer's Close crosses ours, the container may ignore or refuse this; onClose then answers with ours.
        closeSession(ours);
        answered.countDown();
        end(Frame.close(code, reasonOf(ours)));
    }

    /** Answers the peer's Close with ours: Tyrus, still holding its echo, sends ours instead. */
    private void answer(CloseReason peer, CloseReason ours) {
        if (container.echoesAfterOnClose && !sameClose(peer, ours.getCloseCode().getCode(), reasonOf(ours))) {
            TyrusClose.send(remote, ours);
        }
        answered.countDown();
    }

    private static boolean sameClose(CloseReason peer, int code, String reason) {
        return peer.getCloseCode().getCode() == code && reasonOf(peer).equals(reason);
    }

    /**
     * Our Close. On Tyrus through {@code TyrusRemoteEndpoint.close}, where Tyrus decides with one
     * compare-and-set whether ours or its echo of the peer's goes out: {@code session.close()} also
     * changes the session's state and races with Tyrus's read thread handling a crossing Close.
     */
    private void closeSession(CloseReason reason) {
        if (sessionDone) {
            return;
        }
        sessionDone = true;
        closingThread = Thread.currentThread();
        try {
            if (!container.echoesAfterOnClose || !TyrusClose.send(remote, reason)) {
                session.close(reason);
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "The container refused our Close (a Close of the peer's crossed it)", e);
        } finally {
            closingThread = null;
            ownCloseHandedOver.countDown();
        }
    }

    /**
     * The socket is done with the connection. A socket that failed has sent no Close: workerd drops
     * the TCP connection; JSR-356 can only close with a Close frame, so the peer gets {@code code}:
     * 1011 when a listener threw, 1008 when the peer stopped reading.
     */
    @Override
    public void close(int code, String reason) {
        answered.countDown();
        if (peerClose == null) {
            closeSession(closeReason(code, reason));
        }
    }

    // ---- frames in ----

    private void onText(String text) {
        lastActivity = System.nanoTime();
        if (text.length() > settings.maxMessageSize() / 3) {
            long size = Utf8.length(text);
            if (size > settings.maxMessageSize()) {
                tooLarge(size);
                return;
            }
        }
        socket.receiveOnReader(Frame.received(text));
    }

    private void onBinary(byte[] bytes) {
        lastActivity = System.nanoTime();
        if (bytes.length > settings.maxMessageSize()) {
            tooLarge(bytes.length);
            return;
        }
        socket.receiveOnReader(Frame.binary(bytes));
    }

    /** workerd's answer to a message over the limit: Close 1009 to the peer, an error event here. */
    private void tooLarge(long size) {
        String description = "Message is too large: " + size + " > " + settings.maxMessageSize();
        closeSession(new CloseReason(CloseReason.CloseCodes.TOO_BIG, description));
        end(Frame.failed(WebSocketException.protocolError(1009, description)));
    }

    void onClose(CloseReason reason) {
        if (closingThread == Thread.currentThread()) {
            return;
        }
        sessionDone = true;
        Frame frame = container.classify(reason.getCloseCode().getCode(), reasonOf(reason), reportedError);
        if (frame.kind() != Frame.Kind.CLOSE) {
            end(frame);
            return;
        }
        CloseReason ours;
        synchronized (this) {
            peerClose = reason;
            ours = ownClose;
        }
        if (ours != null) {
            // Our Close went first: the socket gets our own code back, whatever the peer answered (D7).
            end(Frame.close(ours.getCloseCode().getCode(), reasonOf(ours)));
            crossed(ours);
        } else if (end(frame) && container.echoesAfterOnClose) {
            awaitAnswer();
        }
    }

    /**
     * The peer's Close crossed ours: ours is the answer, whether or not the container took it
     * already. Tyrus is about to echo the peer's code: ours goes now instead (nothing happens if it
     * went already), and the onClose that Tyrus reports for it on this thread is ignored.
     */
    private void crossed(CloseReason ours) {
        if (container.echoesAfterOnClose) {
            // Tyrus closes the connection when onClose returns: first let our Close be queued ahead of that.
            awaitQuietly(ownCloseHandedOver, 5_000);
            closingThread = Thread.currentThread();
            try {
                TyrusClose.send(remote, ours);
            } finally {
                closingThread = null;
            }
        }
        answered.countDown();
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds the container's echo until the socket answers: its echo, or the application's close() when half-open. */
    private void awaitAnswer() {
        try {
            if (!answered.await(settings.halfOpenTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.INFO, "A half-open WebSocket did not close within " + settings.halfOpenTimeout()
                        + "; the container now echoes the peer's Close");
                queue.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- timers ----

    /**
     * Applies the timers at {@code now} (System.nanoTime): the send timeout, the idle timeout (a
     * Close 1001 "idle timeout", through the socket's own bookkeeping) and the keepalive Ping.
     */
    void tick(long now) {
        RealWebSocket fed = socket;
        if (fed == null || sessionDone || queue.checkStalled(now)) {
            return;
        }
        long idle = settings.idleTimeout().toNanos();
        if (idle > 0 && now - lastActivity >= idle && idleClosed.compareAndSet(false, true)) {
            fed.goAway(IDLE_CODE, IDLE_REASON);
            return;
        }
        long ping = settings.pingInterval().toNanos();
        if (ping > 0 && now - Math.max(lastActivity, lastPing) >= ping && queue.bufferedAmount() == 0) {
            lastPing = now;
            try {
                remote.sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "A keepalive Ping could not be sent", e);
            }
        }
    }

    void onError(Throwable error) {
        reportedError = error;
        LOG.log(Level.DEBUG, "The container reported an error on a WebSocket session", error);
    }

    private boolean end(Frame frame) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        socket.receive(frame);
        return true;
    }

    private static String reasonOf(CloseReason reason) {
        return reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
    }

    private static CloseReason closeReason(int code, String reason) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), Utf8.truncate(reason, 123));
    }

    /** Tyrus's public TyrusRemoteEndpoint.close(CloseReason): sends a Close with any code, now. */
    private static final class TyrusClose {
        private static volatile Method method;

        /** Whether the Close could be handed to Tyrus this way. */
        static boolean send(RemoteEndpoint remote, CloseReason reason) {
            try {
                Method close = method;
                if (close == null) {
                    close = remote.getClass().getMethod("close", CloseReason.class);
                    method = close;
                }
                close.invoke(remote, reason);
                return true;
            } catch (ReflectiveOperationException e) {
                LOG.log(Level.WARNING, "Tyrus's RemoteEndpoint.close(CloseReason) is not available; "
                        + "the peer gets its own Close code back", e);
                return false;
            }
        }
    }
}
