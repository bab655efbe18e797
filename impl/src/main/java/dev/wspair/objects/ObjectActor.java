package dev.wspair.objects;

import dev.wspair.CloseEvent;
import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.ErrorEvent;
import dev.wspair.Event;
import dev.wspair.MessageEvent;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.WebSocket;
import dev.wspair.engine.DeferredFlushes;
import dev.wspair.engine.ObjectTurns;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.SocketOwner;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Durable Object: its {@code ctx}, its mailbox, and its instance while it is awake. Every call
 * (a {@code fetch}, a socket's message, close or error) runs in one turn of the mailbox, so the
 * instance sees one call at a time, in arrival order. The instance is created for the first call
 * and again for the first call after {@link #hibernateIfIdle}; the sockets, their tags and
 * attachments and the auto-response stay with the object.
 *
 * <p>In a cluster, every turn first asks the {@link Placement} whether the object moved to another
 * node; once it did, the object has moved for good: its instance is dropped, it refuses every later
 * call, its sockets are closed (see {@link ObjectRegistry#MOVED_CODE}) and its namespace forgets it,
 * so that the next request reaches the new owner.
 */
final class ObjectActor implements SocketOwner, ObjectTurns {

    private static final System.Logger LOG = System.getLogger(ObjectActor.class.getName());

    /** What {@link #fetchIfHere} answers when the object moved away. */
    static final Response MOVED = new Response(null, 503);

    private final DurableObjectId id;
    private final ObjectState state;
    private final Mailbox mailbox;
    private final Function<ObjectState, DurableObject> factory;
    private final ObjectRegistry.Whereabouts whereabouts;
    private final Consumer<ObjectActor> forget;
    /** Set and read in turns; cleared by hibernation, which runs only between turns. */
    private volatile DurableObject instance;
    /** Set in a turn, once: the object lives on another node now. */
    private volatile boolean moved;
    /**
     * Sockets the object accept()ed or created in its calls whose last event is still to come: their
     * listeners hold the instance, so it stays in memory (workerd does not evict such an object).
     */
    private final AtomicInteger heldBySockets = new AtomicInteger();

    ObjectActor(DurableObjectId id, Function<ObjectState, DurableObject> factory, Executor executor,
            dev.wspair.engine.DeliveryScope scope, Clock clock, ObjectRegistry.Whereabouts whereabouts,
            Consumer<ObjectActor> forget) {
        this.id = id;
        this.state = new ObjectState(id, this, clock);
        this.mailbox = new Mailbox(executor, scope, clock);
        this.factory = factory;
        this.whereabouts = whereabouts;
        this.forget = forget;
    }

    DurableObjectId id() {
        return id;
    }

    /**
     * The object's fetch, in its turn; waits for the response.
     *
     * @return the response, or {@link #MOVED} when the object lives on another node now
     */
    Response fetchIfHere(Request request) throws Exception {
        if (mailbox.inTurn()) {
            throw new IllegalStateException("A Durable Object cannot wait for its own fetch() inside one of its calls");
        }
        CompletableFuture<Response> response = new CompletableFuture<>();
        post(() -> {
            if (moveIfNotHere()) {
                response.complete(MOVED);
                return;
            }
            try {
                response.complete(instance().fetch(request));
            } catch (Throwable e) {
                response.completeExceptionally(e);
            }
        });
        // the caller may be another object's call: what it sent goes out before it waits
        DeferredFlushes.flushBound();
        try {
            return response.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }

    /** Asks, in the object's next turn, whether it moved to another node, and moves it away if so. */
    void checkPlacement() {
        if (!moved) {
            mailbox.post(this::moveIfNotHere);
        }
    }

    /**
     * In a turn: whether the object moved away, deciding it now if the placement says another node
     * owns it. Moving drops the instance, closes the sockets (the clients reconnect and reach the new
     * owner) and makes the namespace forget this actor.
     */
    private boolean moveIfNotHere() {
        if (moved) {
            return true;
        }
        if (!whereabouts.placement().movedAway(id)) {
            return false;
        }
        moved = true;
        instance = null;
        forget.accept(this);
        boolean leaving = whereabouts.leaving();
        List<RealWebSocket> sockets = state.accepted();
        LOG.log(Level.INFO, "Durable Object " + id + " moved to another node; closing its " + sockets.size()
                + " sockets" + (leaving ? " (this node is leaving)" : ""));
        for (RealWebSocket socket : sockets) {
            if (leaving) {
                socket.goAway(ObjectRegistry.LEAVING_CODE, ObjectRegistry.LEAVING_REASON);
            } else if (state.linked(socket)) {
                socket.goAway(ObjectRegistry.LINK_MOVED_CODE, ObjectRegistry.MOVED_REASON);
            } else {
                socket.goAway(ObjectRegistry.MOVED_CODE, ObjectRegistry.MOVED_REASON);
            }
        }
        return true;
    }

    /** Whether the object moved to another node (it runs nothing more here). */
    boolean moved() {
        return moved;
    }

    /** Drops the instance if the object ran nothing for {@code millis}; its sockets stay. */
    boolean hibernateIfIdle(long millis) {
        // heldBySockets grows only in a turn, and ifIdleFor lets no turn start
        return instance != null && mailbox.ifIdleFor(millis, () -> {
            if (heldBySockets.get() > 0) {
                return false;
            }
            instance = null;
            return true;
        });
    }

    /** Every call runs with the object's turns bound, so a socket it opens joins them. */
    private void post(Runnable call) {
        mailbox.post(() -> ObjectTurns.bind(this, call));
    }

    /** Whether no call is queued or running. */
    boolean idle() {
        return mailbox.idle();
    }

    boolean awake() {
        return instance != null;
    }

    ObjectState state() {
        return state;
    }

    private DurableObject instance() {
        DurableObject current = instance;
        if (current == null) {
            current = factory.apply(state);
            instance = current;
        }
        return current;
    }

    // ---- the sockets accepted with acceptWebSocket ----

    @Override
    public String autoResponseTo(String text) {
        return state.autoResponseTo(text);
    }

    @Override
    public void autoResponded(RealWebSocket socket) {
        state.autoResponded(socket);
    }

    @Override
    public void run(RealWebSocket socket, Runnable step) {
        post(step);
    }

    // ---- the sockets it accept()ed or created itself ----

    @Override
    public void joined(RealWebSocket socket) {
        heldBySockets.incrementAndGet();
        socket.readingEnded().whenComplete((done, failed) -> heldBySockets.decrementAndGet());
    }

    @Override
    public void run(Runnable step) {
        post(step);
    }

    @Override
    public Throwable deliver(RealWebSocket socket, Event event) {
        if (moveIfNotHere()) {
            // refused: the object lives elsewhere now; a socket's last event still unlists it
            if (!(event instanceof MessageEvent)) {
                state.remove(socket);
            }
            return null;
        }
        WebSocket ws = socket.shell();
        if (event instanceof MessageEvent) {
            MessageEvent message = (MessageEvent) event;
            try {
                if (message.isText()) {
                    instance().webSocketMessage(ws, message.text());
                } else {
                    instance().webSocketMessage(ws, message.buffer());
                }
                return null;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "webSocketMessage of a Durable Object threw; the socket fails", e);
                return e;
            }
        }
        try {
            if (event instanceof CloseEvent) {
                CloseEvent close = (CloseEvent) event;
                instance().webSocketClose(ws, close.code(), close.reason(), close.wasClean());
            } else if (event instanceof ErrorEvent) {
                instance().webSocketError(ws, ((ErrorEvent) event).error());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "A " + event.type() + " handler of a Durable Object threw", e);
        } finally {
            state.remove(socket);
        }
        return null;
    }
}
