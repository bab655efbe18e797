package dev.wspair.cluster;

import java.net.URI;

/**
 * The node that owns an object now, as the cluster's engine says.
 *
 * @param member the member's id (Hazelcast's UUID)
 * @param here whether it is this node
 * @param link the base URL of its routes (its {@code wspair.cluster.advertise}), or {@code null} if it
 *     published none
 */
record Owner(String member, boolean here, URI link) {
}
