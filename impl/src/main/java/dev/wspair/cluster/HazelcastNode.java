package dev.wspair.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import dev.wspair.DurableObjectId;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * This node's Hazelcast member: membership, failure detection and placement (the owner of an
 * object is the owner of its id's partition). The only class that touches Hazelcast; it is loaded
 * only when {@code wspair.cluster.members} is set.
 *
 * <p>The member joins by the configured TCP-IP member list (multicast and auto-detection off),
 * binds only the configured address and port, sends no phone-home, registers no shutdown hook (the
 * runtime leaves the cluster when it closes) and logs through {@code java.util.logging}. It publishes
 * the base URL of this node's routes as the member attribute {@value #LINK}.
 */
final class HazelcastNode implements Owners {

    private static final System.Logger LOG = System.getLogger(HazelcastNode.class.getName());
    static final String LINK = "wspair.link";
    private static final String SHARED = "wspair.cluster";
    private static final String TOKEN_KEY = "link-token";

    private final HazelcastInstance hazelcast;
    private final PartitionService partitions;

    private HazelcastNode(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.partitions = hazelcast.getPartitionService();
    }

    /**
     * Starts the member and joins the cluster.
     *
     * @param instanceName the member's name (in its thread names)
     * @param changed runs on {@code executor} after the membership or the partition table changed
     *     (coalesced: one run for a burst)
     * @param gone runs on {@code executor} with the id of a member that left or died
     */
    static HazelcastNode start(String instanceName, ClusterSettings settings, URI advertised, Executor executor,
            Runnable changed, Consumer<String> gone) {
        HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config(instanceName, settings, advertised));
        HazelcastNode node = new HazelcastNode(hazelcast);
        try {
            AtomicBoolean pending = new AtomicBoolean();
            Runnable coalesced = () -> {
                if (pending.compareAndSet(false, true)) {
                    executor.execute(() -> {
                        pending.set(false);
                        changed.run();
                    });
                }
            };
            hazelcast.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    coalesced.run();
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    String member = event.getMember().getUuid().toString();
                    executor.execute(() -> gone.accept(member));
                    coalesced.run();
                }
            });
            node.partitions.addMigrationListener(new MigrationListener() {
                @Override
                public void migrationStarted(MigrationState state) {
                }

                @Override
                public void migrationFinished(MigrationState state) {
                    coalesced.run();
                }

                @Override
                public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                    coalesced.run();
                }

                @Override
                public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                    coalesced.run();
                }
            });
            IMap<String, String> shared = hazelcast.getMap(SHARED);
            shared.putIfAbsent(TOKEN_KEY, newToken());
        } catch (RuntimeException e) {
            hazelcast.getLifecycleService().terminate();
            throw e;
        }
        LOG.log(Level.INFO, "wspair node " + instanceName + " joined the cluster " + settings.name() + ": "
                + hazelcast.getCluster().getMembers().size() + " members; the others reach its routes at " + advertised);
        return node;
    }

    private static Config config(String instanceName, ClusterSettings settings, URI advertised) {
        Config config = new Config();
        config.setInstanceName(instanceName);
        config.setClusterName(settings.name());
        config.setClassLoader(HazelcastNode.class.getClassLoader());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(settings.heartbeat().toSeconds()));
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(settings.failureTimeout().toSeconds()));
        // two clusters that formed apart (members started at once) merge soon, not after Hazelcast's 300 s
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        if (advertised != null) {
            config.getMemberAttributeConfig().setAttribute(LINK, advertised.toString());
        }
        return config;
    }

    @Override
    public Owner ownerOf(DurableObjectId id) {
        Member member = owner(id);
        if (member == null) {
            return null;
        }
        String link = member.getAttribute(LINK);
        return new Owner(member.getUuid().toString(), member.localMember(), link == null ? null : URI.create(link));
    }

    @Override
    public Boolean here(DurableObjectId id) {
        Member member = owner(id);
        return member == null ? null : member.localMember();
    }

    /** The owner of {@code id}'s partition now; null while there is none, or the member stopped. */
    private Member owner(DurableObjectId id) {
        try {
            return partitions.getPartition(id.toString()).getOwner();
        } catch (RuntimeException notActive) {
            return null;
        }
    }

    @Override
    public String linkToken() {
        IMap<String, String> shared = hazelcast.getMap(SHARED);
        String token = shared.get(TOKEN_KEY);
        if (token == null) {
            shared.putIfAbsent(TOKEN_KEY, newToken());
            token = shared.get(TOKEN_KEY);
        }
        return token;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** How many members the cluster has, as this member sees it. */
    int members() {
        return hazelcast.getCluster().getMembers().size();
    }

    /** No migration running and every backup in sync. */
    boolean settled() {
        try {
            return partitions.isClusterSafe();
        } catch (RuntimeException notActive) {
            return false;
        }
    }

    /**
     * Leaves the cluster gracefully: Hazelcast first moves this member's partitions to the others,
     * then stops the member and its threads.
     */
    void leave() {
        try {
            hazelcast.shutdown();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Leaving the cluster failed; stopping the member at once", e);
            hazelcast.getLifecycleService().terminate();
        }
    }
}
