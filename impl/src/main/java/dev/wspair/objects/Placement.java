package dev.wspair.objects;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.Request;
import dev.wspair.Response;

/**
 * Where an application's Durable Objects live. On one node (the default, {@link #SINGLE_NODE})
 * every object lives here. In a cluster ({@code dev.wspair.cluster}) each id has one owner node,
 * decided by the cluster's engine: a node runs only the objects it owns, asks before every event
 * of an object whether it still does, and sends the requests for other objects to their owners.
 * Implementations answer quickly and never call back into the objects.
 */
public interface Placement {

    /** One node: every object is here. */
    Placement SINGLE_NODE = new Placement() {
        @Override
        public boolean ownedHere(DurableObjectId id) {
            return true;
        }

        @Override
        public boolean movedAway(DurableObjectId id) {
            return false;
        }

        @Override
        public Response forwardUnlessHere(Class<? extends DurableObject> type, DurableObjectId id, Request request) {
            return null;
        }
    };

    /** Whether this node is known to own {@code id} now (for a request another node sent here). */
    boolean ownedHere(DurableObjectId id);

    /**
     * Whether another node is known to own {@code id} now. Asked before every call of an object that
     * lives here: true makes the object refuse the call and move away.
     */
    boolean movedAway(DurableObjectId id);

    /**
     * Sends {@code request} to the owner of {@code id} when that is another node, and returns its
     * answer (a 101 response carries a socket coupled to the object there); may wait while the
     * cluster settles who owns it.
     *
     * @return the owner's answer, or {@code null} when this node owns {@code id} (the caller serves it)
     */
    Response forwardUnlessHere(Class<? extends DurableObject> type, DurableObjectId id, Request request)
            throws Exception;
}
