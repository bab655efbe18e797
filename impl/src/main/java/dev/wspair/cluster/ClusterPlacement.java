package dev.wspair.cluster;

import dev.wspair.DurableObject;
import dev.wspair.DurableObjectId;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.objects.Placement;
import java.time.Duration;

/**
 * Placement by the cluster's engine: an object lives on the owner of its id's partition. A request
 * for an object owned elsewhere goes over a {@link Links link}; while the owner is unknown or does
 * not answer (a member just died and is not removed yet), the request waits for the membership to
 * change, up to {@code wspair.cluster.forwardTimeout}, then gets 503.
 */
final class ClusterPlacement implements Placement {

    /** The longest wait between two tries when nothing tells that the cluster changed. */
    private static final long RETRY_NANOS = Duration.ofMillis(250).toNanos();

    private final Owners owners;
    private final Links links;
    private final Duration forwardTimeout;
    // Guarded by this: how many times the membership or the partitions changed.
    private long changes;

    ClusterPlacement(Owners owners, Links links, Duration forwardTimeout) {
        this.owners = owners;
        this.links = links;
        this.forwardTimeout = forwardTimeout;
    }

    @Override
    public boolean ownedHere(DurableObjectId id) {
        return Boolean.TRUE.equals(owners.here(id));
    }

    @Override
    public boolean movedAway(DurableObjectId id) {
        return Boolean.FALSE.equals(owners.here(id));
    }

    @Override
    public Response forwardUnlessHere(Class<? extends DurableObject> type, DurableObjectId id, Request request)
            throws Exception {
        long deadline = System.nanoTime() + forwardTimeout.toNanos();
        while (true) {
            long seen = changes();
            Owner owner = owners.ownerOf(id);
            if (owner != null && owner.here()) {
                return null;
            }
            if (owner != null && owner.link() != null) {
                Response answer = links.forward(owner, type, id, request, owners.linkToken());
                if (answer != null) {
                    return answer;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Response("No node of the cluster answers for Durable Object " + id + " (within "
                        + forwardTimeout + ")", 503);
            }
            awaitChange(seen, Math.min(left, RETRY_NANOS));
        }
    }

    /** The membership or the partition table changed: requests waiting for an owner try again. */
    synchronized void changed() {
        changes++;
        notifyAll();
    }

    private synchronized long changes() {
        return changes;
    }

    private synchronized void awaitChange(long seen, long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; changes == seen && left > 0; left = until - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
