package dev.wspair.cluster;

import dev.wspair.ClientOptions;
import dev.wspair.FetchHandler;
import dev.wspair.Response;
import dev.wspair.WebSocketPair;
import dev.wspair.objects.ObjectRegistry;
import dev.wspair.objects.Placement;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One application's place in a cluster of nodes: its Hazelcast member once it {@link #join joined},
 * the placement its objects follow, its links to other nodes and the link route other nodes reach
 * it by. The application's runtime makes one only when {@code wspair.cluster.members} is set, and
 * {@link #leave leaves} when it closes.
 */
public final class Cluster {

    private static final System.Logger LOG = System.getLogger(Cluster.class.getName());

    /** The path of the link route, under the application's base URL. */
    public static final String LINK_PATH = LinkHeaders.PATH;

    private final String name;
    private final ClusterSettings settings;
    private final ObjectRegistry objects;
    private final Executor executor;
    private final Links links;
    private final FetchHandler linkRoute;
    // Guarded by this.
    private boolean joining;
    private HazelcastNode node;
    private boolean left;
    /** Set once joined. */
    private volatile ClusterPlacement placement;
    /** The member, for the link route; null before joining and after leaving. */
    private volatile HazelcastNode serving;

    /**
     * @param name the application's name (in the member's name and threads)
     * @param executor where membership changes are handled
     * @param dial the runtime's fetch-style upgrade for its own connections (Connector.fetchOwn), for links
     * @param pairs new pairs of the application
     * @param outsideObjects runs its argument outside any Durable Object's turns
     * @param loader the application's classes (the objects named by link requests)
     */
    public Cluster(String name, ClusterSettings settings, ObjectRegistry objects, Executor executor,
            BiFunction<String, ClientOptions, CompletionStage<Response>> dial, Supplier<WebSocketPair> pairs,
            Consumer<Runnable> outsideObjects, ClassLoader loader) {
        this.name = name;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.objects = objects;
        this.executor = executor;
        this.links = new Links(dial, pairs, outsideObjects, settings.forwardTimeout());
        this.linkRoute = new LinkRoute(() -> serving, objects, loader);
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** The handler of {@link #LINK_PATH}, to serve beside the application's routes. */
    public FetchHandler linkRoute() {
        return linkRoute;
    }

    /**
     * Starts this node's member and joins the cluster; from then on the objects live where the
     * cluster says. Idempotent; does nothing once left.
     *
     * @param advertised the base URL of this node's routes for the other nodes, unless the settings name one
     *     (see {@link ClusterSettings#advertisingByDefault}); a path alone when the runtime cannot tell its
     *     host and port
     * @throws IllegalStateException when neither names a host and port
     */
    public void join(URI advertised) {
        ClusterSettings effective = settings.advertisingByDefault(advertised);
        if (effective.advertise() == null || !effective.advertise().isAbsolute()) {
            throw new IllegalStateException("Set " + ClusterSettings.ADVERTISE
                    + ": the base URL at which the other nodes reach this node's routes (e.g. http://10.0.0.5:8080"
                    + (advertised == null || advertised.getRawPath() == null ? "/" : advertised.getRawPath()) + ")");
        }
        synchronized (this) {
            if (joining || left) {
                return;
            }
            joining = true;
        }
        HazelcastNode started = HazelcastNode.start("wspair-" + name + "-" + effective.port(), effective,
                effective.advertise(), executor, this::changed, links::memberGone);
        ClusterPlacement placed = new ClusterPlacement(started, links, effective.forwardTimeout());
        boolean leftMeanwhile;
        synchronized (this) {
            node = started;
            leftMeanwhile = left;
            if (!left) {
                placement = placed;
                serving = started;
                objects.place(placed);
            }
        }
        if (leftMeanwhile) {
            started.leave();
            return;
        }
        objects.moveAwayObjectsNotHere();
    }

    /** The membership or the partitions changed: waiting requests try again, moved objects leave. */
    private void changed() {
        ClusterPlacement current = placement;
        if (current != null) {
            current.changed();
        }
        objects.moveAwayObjectsNotHere();
    }

    /** How many members the cluster has as this node sees it; 0 when it is not in one. */
    public synchronized int members() {
        return node == null || left ? 0 : node.members();
    }

    /**
     * Whether the cluster is at rest as this node sees it: joined, no partition moving, every backup
     * in place (Hazelcast's cluster safety). Objects created meanwhile may still move; a readiness
     * probe may wait for this.
     */
    public boolean settled() {
        HazelcastNode member;
        synchronized (this) {
            member = left ? null : node;
        }
        // asks every member: not under the lock
        return member != null && member.settled();
    }

    /** Clients on this node whose object lives on another, linked to it now. */
    public int openLinks() {
        return links.open();
    }

    /**
     * Leaves the cluster: Hazelcast moves this node's partitions to the others first; the objects
     * that lived here move away, closing their sockets with 1001 "going away"; later requests for
     * them are not served here. Idempotent.
     */
    public void leave() {
        HazelcastNode member;
        synchronized (this) {
            if (left) {
                return;
            }
            left = true;
            member = node;
            serving = null;
            if (member != null) {
                objects.leaving();
            }
        }
        if (member == null) {
            return;
        }
        long started = System.nanoTime();
        member.leave();
        objects.place(Gone.PLACEMENT);
        objects.moveAwayObjectsNotHere();
        LOG.log(Level.INFO, "wspair node " + name + " left the cluster in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** After leaving: no object lives here any more, and nothing is forwarded. */
    private static final class Gone {
        static final Placement PLACEMENT = new Placement() {
            @Override
            public boolean ownedHere(dev.wspair.DurableObjectId id) {
                return false;
            }

            @Override
            public boolean movedAway(dev.wspair.DurableObjectId id) {
                return true;
            }

            @Override
            public Response forwardUnlessHere(Class<? extends dev.wspair.DurableObject> type,
                    dev.wspair.DurableObjectId id, dev.wspair.Request request) {
                return new Response("This node has left its cluster", 503);
            }
        };
    }
}
