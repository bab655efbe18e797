package dev.wspair.cluster;

import dev.wspair.DurableObjectId;

/** What the cluster's engine tells about placement; implemented on Hazelcast by {@link HazelcastNode}. */
interface Owners {

    /** The owner of {@code id} now, or {@code null} while the cluster does not know (forming, repartitioning). */
    Owner ownerOf(DurableObjectId id);

    /**
     * Whether this node owns {@code id} now: {@code ownerOf(id).here()} without the owner's
     * details, asked before every call of an object.
     *
     * @return {@code null} while the cluster does not know
     */
    Boolean here(DurableObjectId id);

    /** The secret every link request carries: shared by the members of the cluster only. */
    String linkToken();
}
