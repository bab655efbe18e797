package dev.wspair.engine;

import dev.wspair.AcceptOptions;
import dev.wspair.CloseEvent;
import dev.wspair.Compatibility;
import dev.wspair.ErrorEvent;
import dev.wspair.WebSocketException;
import dev.wspair.Event;
import dev.wspair.EventListener;
import dev.wspair.MessageEvent;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketImpl;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The state machine of one socket: workerd's model, field for field. {@code readyState} is derived
 * from the flags, never stored. Calls from applications ({@code accept}, {@code send}, {@code
 * close}) change state under this object's lock and write to the {@link Transport}; inbound
 * frames go through the {@link InboundQueue} and are applied one at a time, in order, on the
 * executor, where the state change and the event happen in the same step, as in workerd's read
 * loop.
 *
 * <p>Locks: the rule of this package (see {@code package-info.java}). Transitions are decided under
 * this object's lock, which also puts outgoing frames in order ({@link Transport#write} only
 * queues); what they cause (handing frames over with {@link Transport#flush}, releasing the
 * connection, delivering events) runs after the lock is released. The only two-lock section is
 * {@link #coupleTo} (the other end's lock, then this one's).
 *
 * <p>Memory: a Durable Object may hold tens of thousands of idle sockets, so what not every socket
 * uses is made on first use: the listeners (a hibernatable socket has none), the attachment, and
 * the future of {@link #readingEnded()}.
 */
public final class RealWebSocket implements WebSocketImpl {

    enum State { AWAITING_CONNECTION, AWAITING_ACCEPTANCE_OR_COUPLING, ACCEPTED, RELEASED }

    private static final System.Logger LOG = System.getLogger(RealWebSocket.class.getName());

    private final Compatibility compatibility;
    private final DeliveryScope scope;
    /** Null until the first listener is added. */
    private volatile Listeners listeners;
    private final InboundQueue inbound;
    private final AttachmentCodec attachments;
    /** Null until the first attachment is stored. */
    private volatile Attachment attachment;
    private WebSocket shell;
    /** Set once by acceptWebSocket: the owner runs this socket's frames and gets its events. */
    private volatile SocketOwner owner;
    /** Set when a Durable Object accepted or created this socket in one of its calls: its events run in the object's turns. */
    private volatile ObjectTurns turns;

    // Guarded by this.
    private State state;
    private boolean closedIncoming;
    private boolean closedOutgoing;
    private boolean outgoingAborted;
    private boolean allowHalfOpen;
    /** Our Close frame was handed over; with closedIncoming, the connection is done. */
    private boolean closeDelivered;
    /** Our Close answers the peer's (sent after closedIncoming): see {@link TrailingError}. */
    private boolean replyingClose;
    /** The other end of this pair went out in a 101 response: see {@link TrailingError}. */
    private boolean coupledToResponse;
    private Throwable error;
    /** An error event went out (a hibernatable socket's leaves {@code error} unset). */
    private boolean errorReported;
    private Transport transport;

    /** A text or binary message was delivered: see {@link TrailingError}. Written by the inbound drain only. */
    private volatile boolean receivedData;
    /** Set by the inbound drain (or {@link #abandon()}): no more frames are applied. Read by writers of a pair. */
    private volatile boolean readLoopEnded;
    /** The pair transport that feeds this socket, told when a frame is consumed; null once coupled. */
    private volatile PairTransport feeder;

    /** A client socket's URL, connection attempt and the server's answer; null for every other socket. */
    private final ClientEnd client;
    /** Taken for a 101 response, and not coupled (nor abandoned) yet. Guarded by this. */
    private boolean reservedForResponse;
    /**
     * Completed once the last event of the read loop (close or error) has been delivered; made when
     * asked for, {@link #READING_DONE} if that happened before. Guarded by this.
     */
    private CompletableFuture<Void> readingEnded;
    /** Marks {@link #readingEnded} done without a future; never handed out. */
    private static final CompletableFuture<Void> READING_DONE = new CompletableFuture<>();

    RealWebSocket(Executor executor, Compatibility compatibility, State initial, DeliveryScope scope) {
        this(executor, compatibility, initial, scope, AttachmentCodec.NONE);
    }

    RealWebSocket(Executor executor, Compatibility compatibility, State initial, DeliveryScope scope,
            AttachmentCodec attachments) {
        this.compatibility = compatibility;
        this.attachments = attachments;
        this.scope = scope;
        this.state = initial;
        this.allowHalfOpen = !compatibility.autoReplyToClose();
        this.inbound = new Reader(executor);
        this.client = null;
    }

    /** A client socket, {@code new WebSocket(url)}: CONNECTING, its events flowing from the start. */
    RealWebSocket(Executor executor, Compatibility compatibility, String url, DeliveryScope scope) {
        this(executor, compatibility, url, scope, AttachmentCodec.NONE);
    }

    RealWebSocket(Executor executor, Compatibility compatibility, String url, DeliveryScope scope,
            AttachmentCodec attachments) {
        this.compatibility = compatibility;
        this.attachments = attachments;
        this.scope = scope;
        this.state = State.AWAITING_CONNECTION;
        this.allowHalfOpen = !compatibility.autoReplyToClose();
        this.inbound = new Reader(executor);
        this.client = new ClientEnd(url);
        joinObjectTurns();
        inbound.start();
    }

    private void joinObjectTurns() {
        ObjectTurns object = ObjectTurns.bound();
        if (object != null) {
            turns = object;
            object.joined(this);
        }
    }

    /** Connects two new ends in memory. */
    static void pair(RealWebSocket a, RealWebSocket b) {
        PairTransport toB = new PairTransport(a, b);
        PairTransport toA = new PairTransport(b, a);
        a.transport = toB;
        b.feeder = toB;
        b.transport = toA;
        a.feeder = toA;
    }

    void bind(WebSocket shell) {
        this.shell = shell;
    }

    /** The public object of this socket. */
    public WebSocket shell() {
        return shell;
    }

    /** The engine behind {@code webSocket}. */
    public static RealWebSocket of(WebSocket webSocket) {
        return (RealWebSocket) EngineProvider.unwrap(webSocket);
    }

    // ---- application calls ----

    @Override
    public void accept(AcceptOptions options) {
        synchronized (this) {
            switch (state) {
                case AWAITING_CONNECTION:
                    throw new IllegalStateException(Messages.ACCEPT_CONNECTING);
                case RELEASED:
                    throw new IllegalStateException(Messages.ACCEPT_RELEASED);
                case ACCEPTED:
                    if (owner != null) {
                        throw new IllegalStateException(Messages.ACCEPT_HIBERNATABLE);
                    }
                    return;
                default:
                    break;
            }
            options.allowHalfOpen().ifPresent(value -> allowHalfOpen = value);
            state = State.ACCEPTED;
        }
        joinObjectTurns();
        inbound.start();
    }

    @Override
    public void addEventListener(String type, EventListener<?> listener) {
        Listeners current = listeners;
        if (current == null) {
            synchronized (this) {
                current = listeners;
                if (current == null) {
                    current = new Listeners();
                    listeners = current;
                }
            }
        }
        current.add(type, listener);
    }

    @Override
    public void removeEventListener(String type, EventListener<?> listener) {
        Listeners current = listeners;
        if (current != null) {
            current.remove(type, listener);
        }
    }

    /**
     * The checks of {@code ctx.acceptWebSocket(ws)} that concern the socket, in workerd's order:
     * not accepted yet, and its other end still waiting to be returned in a response.
     *
     * @throws dev.wspair.WebSocketException workerd's {@code Error}s
     */
    public void checkHibernatable() {
        synchronized (this) {
            if (state == State.ACCEPTED) {
                throw new WebSocketException(Messages.ACCEPT_WEBSOCKET_ACCEPTED);
            }
        }
        RealWebSocket other = otherEnd();
        if (state() != State.AWAITING_ACCEPTANCE_OR_COUPLING || other == null || !other.awaitingCoupling()) {
            throw new WebSocketException(Messages.ACCEPT_WEBSOCKET_PAIR_USED);
        }
    }

    /**
     * {@code ctx.acceptWebSocket(ws)} once the owner checked the rest: the socket is accepted, its
     * frames run in {@code newOwner}'s turns and its events go there; a Close from the peer is not
     * answered by itself (workerd's hibernatable read loop sends none).
     */
    public void acceptHibernatable(SocketOwner newOwner) {
        checkHibernatable();
        synchronized (this) {
            if (state != State.AWAITING_ACCEPTANCE_OR_COUPLING) {
                throw new WebSocketException(Messages.ACCEPT_WEBSOCKET_ACCEPTED);
            }
            owner = newOwner;
            allowHalfOpen = true;
            state = State.ACCEPTED;
        }
        inbound.start();
    }

    /** Whether {@code acceptWebSocket} took this socket. */
    public boolean hibernatable() {
        return owner != null;
    }

    /** Whether the socket was accepted, by {@code accept()} or {@code acceptWebSocket}. */
    public synchronized boolean accepted() {
        return state == State.ACCEPTED;
    }

    private synchronized State state() {
        return state;
    }

    private synchronized boolean awaitingCoupling() {
        return state == State.AWAITING_ACCEPTANCE_OR_COUPLING && !reservedForResponse;
    }

    @Override
    public void serializeAttachment(Object value) {
        Attachment current = attachment;
        if (current == null) {
            synchronized (this) {
                current = attachment;
                if (current == null) {
                    current = new Attachment(attachments);
                    attachment = current;
                }
            }
        }
        current.store(value);
    }

    @Override
    public Object deserializeAttachment(Class<?> type) {
        Attachment current = attachment;
        return current == null ? null : current.read(type);
    }

    @Override
    public void sendText(String text) {
        Transport out;
        synchronized (this) {
            if (!mayWrite()) {
                return;
            }
            out = transport;
            out.write(Frame.text(text));
        }
        out.flush();
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(data.position(), copy);
        Transport out;
        synchronized (this) {
            if (!mayWrite()) {
                return;
            }
            out = transport;
            out.write(Frame.binary(copy));
        }
        out.flush();
    }

    /** workerd's send() checks, in its order: false means "silently ignored". */
    private boolean mayWrite() {
        if (closedOutgoing) {
            throw new IllegalStateException(Messages.SEND_AFTER_CLOSE);
        }
        if (outgoingAborted || state == State.RELEASED) {
            return false;
        }
        if (state != State.ACCEPTED) {
            throw new IllegalStateException(Messages.MUST_ACCEPT);
        }
        return true;
    }

    @Override
    public void close(Integer code, String reason) {
        String checkedReason = CloseArguments.validate(code, reason, compatibility);
        Transport out;
        Runnable cancel;
        synchronized (this) {
            if (state == State.AWAITING_CONNECTION) {
                // workerd cancels the attempt; readyState reads OPEN (released, no flags) until the events arrive
                state = State.RELEASED;
                out = null;
                cancel = client == null ? null : client.cancelConnect;
            } else {
                if (closedOutgoing || outgoingAborted || state == State.RELEASED) {
                    return;
                }
                if (state != State.ACCEPTED) {
                    throw new IllegalStateException(Messages.MUST_ACCEPT);
                }
                closedOutgoing = true;
                replyingClose = closedIncoming;
                out = transport;
                out.write(Frame.close(code == null ? Frame.NO_STATUS : code, checkedReason));
                cancel = null;
            }
        }
        if (out != null) {
            out.flush();
            return;
        }
        if (cancel != null) {
            cancel.run();
        }
        receive(Frame.connectFailed(new WebSocketException(WebSocketException.CONNECTION_LOST)));
    }

    @Override
    public synchronized int readyState() {
        if ((closedIncoming && closedOutgoing) || error != null) {
            return WebSocket.CLOSED;
        }
        if (closedIncoming || closedOutgoing) {
            return WebSocket.CLOSING;
        }
        if (state == State.AWAITING_CONNECTION) {
            return WebSocket.CONNECTING;
        }
        return WebSocket.OPEN;
    }

    @Override
    public String url() {
        return client == null ? null : client.url;
    }

    @Override
    public String protocol() {
        return client == null ? "" : client.protocol;
    }

    @Override
    public String extensions() {
        return client == null ? "" : client.extensions;
    }

    @Override
    public long bufferedAmount() {
        Transport current;
        synchronized (this) {
            current = transport;
        }
        return current == null ? 0 : current.bufferedAmount();
    }

    // ---- a client's connection ----

    /** How to abandon the connection attempt if {@code close()} comes first. */
    public synchronized void onCancel(Runnable cancel) {
        client.cancelConnect = cancel;
    }

    /**
     * The connection is open on {@code network}: readyState OPEN, then the {@code open} event.
     *
     * @param protocol the server's {@code Sec-WebSocket-Protocol}, or null if it sent none
     * @param extensions the server's {@code Sec-WebSocket-Extensions}, or null if it sent none
     * @return false if {@code close()} cancelled the attempt first; the caller then drops the connection
     */
    public boolean opened(Transport network, String protocol, String extensions) {
        synchronized (this) {
            if (state != State.AWAITING_CONNECTION) {
                return false;
            }
            transport = network;
            client.protocol = protocol;
            client.extensions = extensions;
            state = State.ACCEPTED;
        }
        network.attach(this);
        receive(Frame.OPEN);
        return true;
    }

    /** The connection could not be established: an {@code error} event, then close 1006. */
    public void connectFailed(Throwable error) {
        synchronized (this) {
            if (state != State.AWAITING_CONNECTION) {
                return;
            }
            state = State.RELEASED;
        }
        receive(Frame.connectFailed(error));
    }

    /** A socket from an outbound handshake (fetch-style): it reads from {@code network} once accepted. */
    public synchronized void attachNetwork(Transport network) {
        transport = network;
        network.attach(this);
    }

    // ---- transport calls ----

    /** Queues an inbound frame or signal; it is applied after accept(), in order. Any thread. */
    public void receive(Frame frame) {
        inbound.offer(frame);
    }

    /**
     * As {@link #receive}, from a connection's reader: if no delivery is running, the frame (and
     * any that follow meanwhile) is applied on the calling thread.
     */
    public void receiveOnReader(Frame frame) {
        inbound.offerAndDrainHere(frame);
    }

    /**
     * workerd's auto-response, as the frame is taken from the socket's queue (on the reader's thread
     * when it is idle): a text message equal to the owner's request is answered at once (unless this
     * end already sent its Close) and goes no further, without the owner's turn.
     */
    private boolean autoResponded(Frame frame) {
        SocketOwner current = owner;
        if (current == null || frame.kind != Frame.Kind.TEXT || readLoopEnded) {
            return false;
        }
        String response = current.autoResponseTo(frame.text());
        if (response == null) {
            return false;
        }
        PairTransport source = feeder;
        if (source != null) {
            source.consumed(frame);
        }
        Transport out = null;
        synchronized (this) {
            if (!closedOutgoing && !outgoingAborted && state == State.ACCEPTED) {
                out = transport;
                out.write(Frame.text(response));
            }
        }
        if (out != null) {
            out.flush();
            current.autoResponded(this);
        }
        return true;
    }

    /** Our Close frame has been handed over (read by the other end, or written to the network). */
    public void closeDelivered() {
        boolean trailingError;
        synchronized (this) {
            trailingError = replyingClose && !closeDelivered
                    && TrailingError.follows(owner != null, coupledToResponse, receivedData);
            closeDelivered = true;
        }
        releaseIfDone();
        if (trailingError) {
            // after the release: a pair's other end must not see this frame as one we left unread
            receive(Frame.replyAborted());
        }
    }

    boolean readLoopEnded() {
        return readLoopEnded;
    }

    private synchronized boolean released() {
        return state == State.RELEASED;
    }

    /** The other end of this pair end; {@code null} once coupled to a network connection, or for a client. */
    public synchronized RealWebSocket otherEnd() {
        return transport instanceof PairTransport ? ((PairTransport) transport).receiver() : null;
    }

    /**
     * Closes for the runtime (shutdown, undeploy): like {@code close(code, reason)} but without the
     * application's argument rules, and whatever the state, unless a Close already went out.
     */
    public void goAway(int code, String reason) {
        Transport out;
        synchronized (this) {
            if (closedOutgoing || outgoingAborted || state == State.RELEASED) {
                return;
            }
            closedOutgoing = true;
            out = transport;
            out.write(Frame.close(code, reason));
        }
        out.flush();
    }

    /**
     * Completes once the socket's last event (close or error) has been delivered to its listeners;
     * at once for a socket that was never accepted (it delivers nothing).
     */
    public synchronized CompletionStage<Void> readingEnded() {
        if (readingEnded == READING_DONE || (state != State.ACCEPTED && !readLoopEnded)) {
            return CompletableFuture.completedFuture(null);
        }
        if (readingEnded == null) {
            readingEnded = new CompletableFuture<>();
        }
        return readingEnded;
    }

    /** The read loop's last event was delivered: completes {@link #readingEnded()} (outside the lock). */
    private void readingDone() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            waiting = readingEnded;
            readingEnded = READING_DONE;
        }
        if (waiting != null && waiting != READING_DONE) {
            waiting.complete(null);
        }
    }

    /** Frames the other end wrote that this end will never read. */
    boolean hasUnreadFrames() {
        return readLoopEnded && inbound.hasWaiting();
    }

    /**
     * Returns this end in a 101 response: this end becomes {@code RELEASED} (send and close are
     * ignored, readyState stays OPEN, accept throws) and its other end reads from and writes to
     * {@code network} from now on, starting with what it wrote before.
     *
     * @return the other end, to which the network delivers inbound frames
     * @throws IllegalStateException with workerd's message when this end cannot be returned
     */
    public RealWebSocket coupleTo(Transport network) {
        Transport current;
        synchronized (this) {
            if (!reservedForResponse) {
                reserveForResponse();
            }
            current = transport;
        }
        if (!(current instanceof PairTransport)) {
            throw new IllegalStateException("Only an end of a WebSocketPair can be returned in a response");
        }
        RealWebSocket other = ((PairTransport) current).receiver();
        boolean lost = false;
        synchronized (other) {
            synchronized (this) {
                if (!reservedForResponse) {
                    throw new IllegalStateException(Messages.RETURN_RELEASED);
                }
                reservedForResponse = false;
            }
            other.feeder = null;
            other.coupledToResponse = true;
            network.attach(other);
            for (Frame frame; (frame = inbound.poll()) != null; ) {
                if (frame.kind == Frame.Kind.LOST) {
                    lost = true;
                } else if (!lost) {
                    network.transfer(frame);
                }
            }
            other.transport = network;
        }
        if (lost) {
            network.release();
        } else {
            network.flush();
        }
        return other;
    }

    /**
     * Tears this end down without a Close frame, as workerd does when a pair end's request context
     * ends (or when a returned end's upgrade never happens): the other end sees the connection
     * lost. No event fires on this end.
     */
    public void abandon() {
        Transport dropped;
        synchronized (this) {
            if (state == State.RELEASED && !reservedForResponse) {
                return;
            }
            state = State.RELEASED;
            reservedForResponse = false;
            dropped = transport;
        }
        readLoopEnded = true;
        dropped.release();
    }

    /**
     * Takes this end for a 101 response: from now on it is used (RELEASED: send and close are
     * ignored, accept throws), and {@link #coupleTo} connects its other end once the connection
     * opens. Checking and taking are one step, so one end can go in one response only.
     *
     * @throws IllegalStateException with workerd's message when this end cannot be returned
     */
    public synchronized void reserveForResponse() {
        checkReturnable();
        state = State.RELEASED;
        reservedForResponse = true;
    }

    private void checkReturnable() {
        switch (state) {
            case AWAITING_CONNECTION:
                throw new IllegalStateException(Messages.RETURN_CONNECTING);
            case RELEASED:
                throw new IllegalStateException(Messages.RETURN_RELEASED);
            case ACCEPTED:
                throw new IllegalStateException(owner != null ? Messages.RETURN_HIBERNATABLE : Messages.RETURN_ACCEPTED);
            default:
                break;
        }
    }

    // ---- the read loop: runs on the inbound drain, one frame at a time ----

    /** This socket's inbound queue, which applies its frames here. */
    private final class Reader extends InboundQueue {
        Reader(Executor executor) {
            super(executor);
        }

        @Override
        boolean deliver(Frame frame) {
            return apply(frame);
        }
    }

    /** Applies a frame; true when the read loop waits for an object's turn to deliver it. */
    private boolean apply(Frame frame) {
        SocketOwner current = owner;
        if (current != null && autoResponded(frame)) {
            return false;
        }
        ObjectTurns object = turns;
        if (current == null && object == null) {
            scope.deliver(() -> applyInScope(frame));
            return false;
        }
        // in the object's turns; as workerd, the next frame is read only once this one was delivered
        inbound.pause();
        Runnable step = () -> {
            try {
                applyInScope(frame);
            } finally {
                inbound.resume();
            }
        };
        if (current != null) {
            current.run(this, step);
        } else {
            object.run(step);
        }
        return true;
    }

    private void applyInScope(Frame frame) {
        PairTransport source = feeder;
        if (source != null) {
            source.consumed(frame);
        }
        if (frame.kind == Frame.Kind.WRITE_FAILED) {
            if (!released()) {
                reportError(frame.error());
            }
            return;
        }
        if (frame.kind == Frame.Kind.REPLY_ABORTED) {
            reportError(frame.error());
            return;
        }
        if (readLoopEnded) {
            return;
        }
        switch (frame.kind) {
            case TEXT:
                markReceivedData();
                dispatch(new MessageEvent(shell, frame.text()));
                break;
            case BINARY:
                markReceivedData();
                dispatch(new MessageEvent(shell, frame.bytes()));
                break;
            case CLOSE:
                receiveClose(frame.code, frame.reason);
                break;
            case LOST:
                receiveLoss();
                break;
            case FAILED:
                readingFailed(frame.error());
                break;
            case OPEN:
                dispatch(new Event("open", shell));
                break;
            case CONNECT_FAILED:
                connectionNotEstablished(frame.error());
                break;
            default:
                throw new AssertionError(frame.kind);
        }
    }

    /** Notes that a message was delivered; writes the volatile field once, not for every message. */
    private void markReceivedData() {
        if (!receivedData) {
            receivedData = true;
        }
    }

    /** A Close frame: echoed first unless half-open, then the close event, then the read loop ends. */
    private void receiveClose(int code, String reason) {
        Transport echo = null;
        synchronized (this) {
            closedIncoming = true;
            if (!allowHalfOpen && !closedOutgoing && !outgoingAborted && state != State.RELEASED) {
                closedOutgoing = true;
                replyingClose = true;
                echo = transport;
                echo.write(Frame.close(code, reason));
            }
        }
        if (echo != null) {
            echo.flush();
        }
        readLoopEnded = true;
        dispatch(new CloseEvent(shell, code, reason, true));
        readingDone();
        releaseIfDone();
    }

    /** The connection ended without a Close frame: 1006, and closedIncoming only after the event. */
    private void receiveLoss() {
        synchronized (this) {
            outgoingAborted = true;
            if (owner != null) {
                // workerd's hibernatable read loop has closedIncoming set when webSocketClose runs (readyState 2)
                closedIncoming = true;
            }
        }
        readLoopEnded = true;
        dispatch(new CloseEvent(shell, 1006, Messages.LOST_REASON, false));
        synchronized (this) {
            closedIncoming = true;
        }
        readingDone();
        releaseIfDone();
    }

    /** workerd's failed connection: closedIncoming, the error event, then close 1006, both at readyState CLOSED. */
    private void connectionNotEstablished(Throwable cause) {
        synchronized (this) {
            closedIncoming = true;
        }
        readLoopEnded = true;
        reportError(cause);
        dispatch(new CloseEvent(shell, 1006, Messages.CONNECT_FAILED_REASON, false));
        readingDone();
    }

    /** Reading failed (protocol error, message too large, a listener threw): an error event, no close event. */
    private void readingFailed(Throwable cause) {
        synchronized (this) {
            closedIncoming = true;
        }
        readLoopEnded = true;
        reportError(cause);
        readingDone();
    }

    /**
     * Records the first error and delivers it in an error event (readyState CLOSED); later errors are
     * dropped. Reading goes on unless the caller ended it: a connection lost afterwards still gives
     * its 1006 close event, as in workerd.
     */
    private void reportError(Throwable cause) {
        synchronized (this) {
            if (error != null || errorReported) {
                return;
            }
            errorReported = true;
            if (owner == null) {
                error = cause;
            } else {
                // workerd's webSocketError sees readyState CLOSING: closedIncoming, not the error field
                closedIncoming = true;
            }
            outgoingAborted = true;
        }
        ErrorEvent event = new ErrorEvent(shell, Messages.uncaught(cause), cause);
        SocketOwner current = owner;
        Throwable thrown = current != null ? current.deliver(this, event) : toListeners(event);
        if (thrown != null) {
            LOG.log(Level.WARNING, "An error listener of a WebSocket threw", thrown);
        }
        releaseIfDone();
    }

    /** Delivers an event; a listener that throws ends reading with an error event, as in workerd. */
    private void dispatch(Event event) {
        SocketOwner current = owner;
        Throwable thrown = current != null ? current.deliver(this, event) : toListeners(event);
        if (thrown != null) {
            LOG.log(Level.WARNING, "A " + event.type() + " listener of a WebSocket threw; the socket fails", thrown);
            readingFailed(thrown);
        }
    }

    private Throwable toListeners(Event event) {
        Listeners current = listeners;
        return current == null ? null : current.dispatch(event, compatibility.specCompliantDispatchExceptions());
    }

    /** Releases the connection once both directions are done, or the socket failed. */
    private void releaseIfDone() {
        Transport released;
        synchronized (this) {
            boolean done = error != null
                    || (closedIncoming && (outgoingAborted || (closedOutgoing && closeDelivered)));
            if (!done || state == State.RELEASED) {
                return;
            }
            state = State.RELEASED;
            released = transport;
        }
        released.release();
    }

    @Override
    public String toString() {
        return "RealWebSocket[" + state + ", readyState=" + readyState() + "]";
    }
}
