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
import dev.wspair.engine.ObjectTurns;
import dev.wspair.engine.RealWebSocket;
import dev.wspair.engine.SocketOwner;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One Durable Object: its {@code ctx}, its mailbox, and its instance while it is awake. Every call
 * (a {@code fetch}, a socket's message, close or error) runs in one turn of the mailbox, so the
 * instance sees one call at a time, in arrival order. The instance is created for the first call
 * and again for the first call after {@link #hibernateIfIdle}; the sockets, their tags and
 * attachments and the auto-response stay with the object.
 */
final class ObjectActor implements SocketOwner, ObjectTurns {

    private static final System.Logger LOG = System.getLogger(ObjectActor.class.getName());

    private final ObjectState state;
    private final Mailbox mailbox;
    private final Function<ObjectState, DurableObject> factory;
    /** Set and read in turns; cleared by hibernation, which runs only between turns. */
    private volatile DurableObject instance;
    /**
     * Sockets the object accept()ed or created in its calls whose last event is still to come: their
     * listeners hold the instance, so it stays in memory (workerd does not evict such an object).
     */
    private final AtomicInteger heldBySockets = new AtomicInteger();

    ObjectActor(DurableObjectId id, Function<ObjectState, DurableObject> factory, Executor executor,
            dev.wspair.engine.DeliveryScope scope, Clock clock) {
        this.state = new ObjectState(id, this, clock);
        this.mailbox = new Mailbox(executor, scope, clock);
        this.factory = factory;
    }

    /** The object's fetch, in its turn; waits for the response. */
    Response fetch(Request request) throws Exception {
        if (mailbox.inTurn()) {
            throw new IllegalStateException("A Durable Object cannot wait for its own fetch() inside one of its calls");
        }
        CompletableFuture<Response> response = new CompletableFuture<>();
        post(() -> {
            try {
                response.complete(instance().fetch(request));
            } catch (Throwable e) {
                response.completeExceptionally(e);
            }
        });
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
