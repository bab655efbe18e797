package dev.wspair.jakarta;

import dev.wspair.WebSocketException;
import dev.wspair.engine.FieldHandles;
import dev.wspair.engine.Frame;
import dev.wspair.engine.FrameWriter;
import dev.wspair.engine.OutboundQueue;
import dev.wspair.engine.ReadReplies;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.SendLimits;
import dev.wspair.engine.Utf8;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * One container session coupled to the socket the network feeds. It writes the socket's frames
 * to the session and turns the container's callbacks into frames for the socket: readyState and
 * close codes come from the engine's bookkeeping, never from the container, which rewrites them.
 * The closing handshake, which each container shapes differently, is its {@link ClosingHandshake};
 * the idle timeout and keepalive are its {@link IdleTimers}.
 */
public final class BridgedConnection implements FrameWriter, MessageHandler.Whole<String> {

    private static final System.Logger LOG = System.getLogger(BridgedConnection.class.getName());
    static final int IDLE_CODE = 1001;
    static final String IDLE_REASON = "idle timeout";

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final BridgeSettings settings;
    private final OutboundQueue queue;
    /** Tyrus provided by an application server (Payara), which schedules on its managed executor per frame. */
    private final boolean serverTyrus;
    /**
     * Where a text frame framed once for all connections ({@link ServerTextFrames}) is written: the
     * embedded runtime's Tyrus, for a server session without extensions; null elsewhere. Looked up
     * by the first write that can use it ({@link #wire()}): an idle connection does not hold it.
     * Both fields are the outbound queue's writer's only.
     */
    private TyrusWire wire;
    /** Whether {@link #wire} is known: looked up, or never to be (not the embedded runtime). */
    private boolean wireKnown;
    private final ServerTextFrames textFrames;
    /**
     * Prepared text frames held to be written at once (the outbound queue said more follow), or
     * null. Touched only by the queue's hand-over, which runs on one thread at a time.
     */
    private HeldFrames held;
    private volatile RealWebSocket socket;
    /** Set before the connection reads its first message (see {@link #meter}). */
    private volatile ConnectionMetrics metrics = ConnectionMetrics.NONE;

    /** The socket was told how the connection ended; later callbacks are ignored. */
    private volatile boolean ended;
    private static final VarHandle ENDED = FieldHandles.of(MethodHandles.lookup(), "ended", boolean.class);

    private final ClosingHandshake closing;
    private final IdleTimers idle;
    /**
     * Whether the thread that reads a message may deliver it (a container worker), or must only queue
     * it for the executor (Undertow's I/O thread, see {@link ReadingHandshake}). Set before the first read.
     */
    private volatile boolean readerRunsListeners = true;

    BridgedConnection(Session session, BridgeSettings settings, SendLimits limits, ServerTextFrames textFrames) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        Container container = Container.of(session);
        this.serverTyrus = container == Container.TYRUS && session.getClass().getClassLoader() != getClass().getClassLoader();
        this.wireKnown = container != Container.TYRUS || serverTyrus;
        this.textFrames = textFrames;
        this.settings = settings;
        this.idle = IdleTimers.of(settings.idleTimeout(), settings.pingInterval());
        this.closing = ClosingHandshake.of(session, container, this);
        this.queue = new OutboundQueue(this, container.window, limits);
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

    BridgeSettings settings() {
        return settings;
    }

    RemoteEndpoint.Async remote() {
        return remote;
    }

    /** Gives the connection up: the socket did not answer the peer's Close in time. */
    void giveUp() {
        queue.release();
    }

    /** Counts this connection's messages with {@code counting}; before it couples. */
    void meter(ConnectionMetrics counting) {
        this.metrics = counting;
    }

    /** The connection opened (after it coupled). */
    void meterOpened() {
        metrics.opened(queue::bufferedAmount);
    }

    ConnectionMetrics metrics() {
        return metrics;
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
        if (closing.readFrames()) {
            // read on the container's I/O thread: no listener may run there (it would stall every connection of that thread)
            readerRunsListeners = false;
            return;
        }
        // the connection is its own text handler: one object less per connection than a method reference
        session.addMessageHandler(String.class, this);
        session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) this::onBinary);
    }

    RealWebSocket socket() {
        return socket;
    }

    // ---- frames out ----

    @Override
    public void write(Frame frame, Consumer<Throwable> done) {
        write(frame, done, false);
    }

    /**
     * Text and binary frames followed at once by more are held and written together with them
     * through the wire ({@link TyrusWire}): one write to the connection for the frames a batch of an
     * object's turns sent to this socket, or its replies to one read's messages. Any other frame
     * (a Close, a text the wire must not carry) writes the held ones first.
     */
    @Override
    public void write(Frame frame, Consumer<Throwable> done, boolean more) {
        idle.activity();
        if ((more || held != null) && wire() != null) {
            // a binary message is framed when the held frames are written; a text frame is prepared now
            byte[] prepared = frame.kind() == Frame.Kind.TEXT ? textFrames.of(frame.text()) : null;
            if (prepared != null || frame.kind() == Frame.Kind.BINARY) {
                if (closing.dropsData(done)) {
                    return;
                }
                countSent(frame);
                if (held == null) {
                    held = new HeldFrames();
                }
                held.add(frame, prepared, done);
                if (!more) {
                    writeHeld();
                }
                return;
            }
        }
        writeHeld();
        if (serverTyrus && frame.kind() != Frame.Kind.CLOSE) {
            NoContextProviders.run(() -> writeFrame(frame, done));
        } else {
            writeFrame(frame, done);
        }
    }

    /** The wire, looked up on first use; null where frames cannot go that way. */
    private TyrusWire wire() {
        if (!wireKnown) {
            // TyrusWire is loaded only here: its Tyrus classes are absent on other containers
            wire = TyrusWire.of(session, remote);
            wireKnown = true;
        }
        return wire;
    }

    @Override
    public void writeHeld() {
        HeldFrames writing = held;
        if (writing == null) {
            return;
        }
        held = null;
        // never throws: the outbound queue's hand-over calls this and must go on
        boolean written;
        try {
            written = wire.write(writing.bytes(), failure ->
                    writing.completed(failure == null || closing.refusedAfterPeerClose(failure) ? null : failure));
        } catch (RuntimeException e) {
            writing.completed(e);
            return;
        }
        if (!written) {
            // no longer connected: each frame goes the normal way, and fails there as it would have
            for (int i = 0; i < writing.size(); i++) {
                Consumer<Throwable> done = writing.done(i);
                Frame frame = writing.frame(i);
                try {
                    if (frame.kind() == Frame.Kind.TEXT) {
                        remote.sendText(frame.text(), completion(done));
                    } else {
                        remote.sendBinary(ByteBuffer.wrap(frame.bytes()), completion(done));
                    }
                } catch (RuntimeException e) {
                    done.accept(e);
                }
            }
        }
    }

    private void countSent(Frame frame) {
        ConnectionMetrics counting = metrics;
        if (counting != ConnectionMetrics.NONE) {
            counting.sent(frame.kind() == Frame.Kind.BINARY ? frame.bytes().length
                    : frame.size() > 0 ? frame.size() : Utf8.length(frame.text()));
        }
    }

    private void writeFrame(Frame frame, Consumer<Throwable> done) {
        try {
            switch (frame.kind()) {
                case TEXT:
                    if (closing.dropsData(done)) {
                        return;
                    }
                    countSent(frame);
                    if (!writePrepared(frame.text(), done)) {
                        remote.sendText(frame.text(), completion(done));
                    }
                    break;
                case BINARY:
                    if (closing.dropsData(done)) {
                        return;
                    }
                    countSent(frame);
                    remote.sendBinary(ByteBuffer.wrap(frame.bytes()), completion(done));
                    break;
                case CLOSE:
                    closing.writeClose(frame.code(), frame.reason());
                    done.accept(null);
                    break;
                default:
                    throw new IllegalArgumentException("Not a frame to write: " + frame);
            }
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    /** Writes the text's shared frame through the wire; false when it must take the normal path. */
    private boolean writePrepared(String text, Consumer<Throwable> done) {
        TyrusWire wire = wire();
        if (wire == null) {
            return false;
        }
        byte[] prepared = textFrames.of(text);
        return prepared != null
                && wire.write(prepared, failure -> done.accept(failure == null || closing.refusedAfterPeerClose(failure) ? null : failure));
    }

    private SendHandler completion(Consumer<Throwable> done) {
        return result -> done.accept(result.isOK() || closing.refusedAfterPeerClose(result.getException()) ? null : result.getException());
    }

    /**
     * The socket is done with the connection. A socket that failed has sent no Close: workerd drops
     * the TCP connection; JSR-356 can only close with a Close frame, so the peer gets {@code code}.
     */
    @Override
    public void close(int code, String reason) {
        closing.release(code, reason);
    }

    // ---- frames in ----

    /** The container's text message handler. */
    @Override
    public void onMessage(String text) {
        onText(text);
    }

    void onText(String text) {
        idle.activity();
        if (text.length() > settings.maxMessageSize() / 3) {
            long size = Utf8.length(text);
            if (size > settings.maxMessageSize()) {
                tooLarge(size);
                return;
            }
        }
        ConnectionMetrics counting = metrics;
        if (counting != ConnectionMetrics.NONE) {
            counting.received(Utf8.length(text));
        }
        deliver(Frame.received(text));
    }

    void onBinary(byte[] bytes) {
        idle.activity();
        if (bytes.length > settings.maxMessageSize()) {
            tooLarge(bytes.length);
            return;
        }
        metrics.received(bytes.length);
        deliver(Frame.binary(bytes));
    }

    private void deliver(Frame frame) {
        if (readerRunsListeners) {
            // what the socket sends back while this read's messages are delivered goes out in one write after them
            ReadReplies.admit(queue);
            socket.receiveOnReader(frame);
        } else {
            socket.receive(frame);
        }
    }

    /** workerd's answer to a message over the limit: Close 1009 to the peer, an error event here. */
    private void tooLarge(long size) {
        ReadReplies.flushNow();
        String description = "Message is too large: " + size + " > " + settings.maxMessageSize();
        // counted first: the container may report the session closed (1009) before the socket fails
        metrics.ended(1009, "failed");
        closing.tooLarge(description);
        end(Frame.failed(WebSocketException.protocolError(1009, description)));
    }

    void onClose(CloseReason reason) {
        // the replies to the messages before the Close go out before it is handled (which may wait for the answer)
        ReadReplies.flushNow();
        closing.onClose(reason);
    }

    // ---- timers ----

    /**
     * Applies the timers at {@code now} (System.nanoTime): the close timeout (our Close went out
     * alone and no answer came), the send timeout, the idle timeout (a Close 1001 "idle timeout",
     * through the socket's own bookkeeping) and the keepalive Ping; nothing follows our Close.
     */
    void tick(long now) {
        RealWebSocket fed = socket;
        if (fed == null || closing.sessionDone() || closing.dropIfUnanswered(now, settings.closeTimeout())
                || queue.checkStalled(now) || closing.awaitingAnswer()) {
            return;
        }
        switch (idle.due(now, queue.bufferedAmount() == 0)) {
            case IDLE_CLOSE -> fed.goAway(IDLE_CODE, IDLE_REASON);
            case PING -> ping();
            case NOTHING -> { }
        }
    }

    private void ping() {
        try {
            remote.sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "A keepalive Ping could not be sent", e);
        }
    }

    void onError(Throwable error) {
        ReadReplies.flushNow();
        closing.onError(error);
    }

    /** Tells the socket how the connection ended, once; false if it was told already. */
    boolean end(Frame frame) {
        return end(frame, false);
    }

    /**
     * As {@link #end(Frame)}, for the peer's Close, from the container's thread that read it: on the
     * embedded runtime's Tyrus, whose reader runs the listeners, the socket gets it there, as its
     * messages, so that its answer (a pair's auto-reply) is written before Tyrus asks for it,
     * without a hop to the executor. Payara's Tyrus keeps the hop: its servlet transport once left a
     * connection open after the answer (ReliabilityIT), and this is not where that was measured.
     */
    boolean endByPeer(Frame frame) {
        return end(frame, readerRunsListeners && !serverTyrus);
    }

    private boolean end(Frame frame, boolean onReader) {
        if (!ENDED.compareAndSet(this, false, true)) {
            return false;
        }
        switch (frame.kind()) {
            case CLOSE -> metrics.ended(frame.code(), null);
            case FAILED -> metrics.ended(1006, "failed");
            case WRITE_FAILED -> metrics.ended(1006, "write_failed");
            default -> metrics.ended(1006, "lost");
        }
        if (onReader) {
            socket.receiveOnReader(frame);
        } else {
            socket.receive(frame);
        }
        return true;
    }
}
