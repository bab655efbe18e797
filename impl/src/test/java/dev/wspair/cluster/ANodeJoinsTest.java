package dev.wspair.cluster;

import static dev.wspair.cluster.NodeProcess.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.JdkClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A third node joins two live ones and Hazelcast gives it partitions: an object whose partition
 * moved (to the new node, or between the old ones) closes the sockets of its old instance with 1012
 * "service restart", on the owner and through the link alike, and comes back as a fresh instance on
 * its new owner; an object that stayed keeps its sockets and loses nothing (README, "Failures").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ANodeJoinsTest {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration RECONNECT = Duration.ofSeconds(30);
    private static final Duration CLOSE = Duration.ofSeconds(10);
    /** Enough objects that some move and some stay: about a third of the partitions go to the new node. */
    private static final int BOARDS = 24;

    private final TestNodes cluster = new TestNodes();
    private final List<NodeProcess> nodes = cluster.nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterAll
    void stopNodes() throws Exception {
        cluster.close();
    }

    @Test
    void objectsWhosePartitionMovedClose1012AndComeBackFreshWhileTheOthersStay() throws Exception {
        int[] ports = ThreeNodesTest.freePorts(3);
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        for (int i = 0; i < 2; i++) {
            nodes.add(NodeProcess.start("node-" + i, ports[i], members));
        }
        for (NodeProcess node : nodes) {
            node.awaitReady(START);
        }
        awaitSettled(2);

        List<List<JdkClient>> boards = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (int k = 0; k < BOARDS; k++) {
            List<JdkClient> pair = List.of(connect(nodes.get(0), path(k)), connect(nodes.get(1), path(k)));
            owners.add(ask(pair.get(0), "who"));
            pair.get(1).send("say:all:before");
            for (JdkClient client : pair) {
                assertEquals("before#1", client.next());
            }
            boards.add(pair);
        }

        nodes.add(NodeProcess.start("node-2", ports[2], members));
        nodes.get(2).awaitReady(START);
        awaitSettled(3);

        int moved = 0;
        for (int k = 0; k < BOARDS; k++) {
            List<JdkClient> old = boards.get(k);
            JdkClient fresh = connect(nodes.get(2), path(k));
            String whoNow = ask(fresh, "who");
            if (whoNow.equals(owners.get(k))) {
                for (JdkClient client : old) {
                    assertFalse(client.closed.isDone(), "a socket of an object that stayed stays connected: " + path(k));
                }
                old.get(0).send("say:all:after");
                for (JdkClient client : old) {
                    assertEquals("after#2", client.next(), "nothing lost, repeated or reordered: " + path(k));
                }
                assertEquals("after#2", fresh.next());
            } else {
                moved++;
                assertNotEquals(owners.get(k).split(" ")[1], whoNow.split(" ")[1], "a new instance");
                for (JdkClient client : old) {
                    assertEquals("1012 service restart", client.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                            "the old instance's sockets, on its node and through the link, are told to reconnect: " + path(k)
                                    + " moved from " + owners.get(k) + " to " + whoNow);
                }
                fresh.send("say:all:again");
                assertEquals("again#1", fresh.next(), "a fresh instance on the new owner: " + path(k));
            }
        }
        System.out.printf("a third node joined: %d of %d objects moved%n", moved, BOARDS);
        assertTrue(moved > 0 && moved < BOARDS, moved + " of " + BOARDS + " objects moved: some should, not all");
    }

    private static String path(int k) {
        return "/boards/joining-" + k + "?tags=all";
    }

    /** Until every node sees {@code size} members and no partition moving. */
    private void awaitSettled(int size) {
        for (NodeProcess node : nodes) {
            Timeouts.until(node.name + " sees " + size + " members", START, POLL,
                    () -> node.get(http, "/boards/-members").equals(Integer.toString(size)));
        }
        for (NodeProcess node : nodes) {
            Timeouts.until(node.name + " sees the partitions settled", START, POLL,
                    () -> node.get(http, "/boards/-settled").equals("true"));
        }
    }

    private JdkClient connect(NodeProcess node, String path) throws Exception {
        return cluster.connect(node, path, RECONNECT);
    }


}
