package dev.wspair.cluster;

import static dev.wspair.cluster.NodeProcess.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.JdkClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three nodes in three JVMs on 127.0.0.1, one Hazelcast cluster: clients spread over the nodes
 * meet in the same objects; a broadcast reaches every socket once, all in one order; a plain
 * request reaches the owner; the owner killed with kill -9: its own clients lose their connection,
 * the others get 1012 and reconnect at once to a fresh instance on a survivor, while the sockets of
 * another object stay connected and miss nothing; a node stopped cleanly gives its clients 1001.
 * What differs behind a link (README D32, D33, D35): a client lost on the way reaches the object as
 * 1001; close codes 1014–2999 reach the client as 1012; the owner sees the entry node's user by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodesTest {

    /** Generous: three JVMs start at once on a machine that may be busy with other builds. */
    /** How often the state of another process is asked for. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration START = Duration.ofSeconds(120);
    /** How long a reconnection may wait for the cluster to remove a dead member (failure timeout 4 s). */
    private static final Duration RECONNECT = Duration.ofSeconds(30);
    /** "Within a few seconds". */
    private static final Duration CLOSE = Duration.ofSeconds(10);

    private final TestNodes cluster = new TestNodes();
    private final List<NodeProcess> nodes = cluster.nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void startThreeNodes() throws Exception {
        int[] ports = freePorts(3);
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            nodes.add(NodeProcess.start("node-" + i, ports[i], members));
        }
        for (NodeProcess node : nodes) {
            node.awaitReady(START);
        }
        for (NodeProcess node : nodes) {
            Timeouts.until(node.name + " sees three members", START, POLL,
                    () -> node.get(http, "/boards/-members").equals("3"));
        }
        System.out.printf("three nodes formed one cluster in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    void stopNodes() throws Exception {
        cluster.close();
    }

    @Test
    @Order(1)
    void clientsOnEveryNodeMeetInOneObjectAndSeeEveryBroadcastOnceInOneOrder() throws Exception {
        List<JdkClient> lobby = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lobby.add(connect(nodes.get(i % 3), "/boards/lobby?tags=" + (i % 2 == 0 ? "all,red" : "all"), RECONNECT));
        }
        String who = ask(lobby.get(0), "who");
        assertTrue(who.startsWith("node=node-"), who);
        for (JdkClient client : lobby) {
            assertEquals(who, ask(client, "who"), "one instance, on one node, whichever node a client entered by");
        }
        assertEquals("6", ask(lobby.get(4), "count:all"), "getWebSockets covers the sockets of every node");
        assertEquals("3", ask(lobby.get(1), "count:red"));

        int perSender = 20;
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            JdkClient sender = lobby.get(s);
            String name = "s" + s;
            senders.add(CompletableFuture.runAsync(() -> {
                for (int j = 0; j < perSender; j++) {
                    sender.socket.sendText("say:all:" + name + "-" + j, true).join();
                }
            }));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        List<String> first = null;
        for (JdkClient client : lobby) {
            List<String> got = new ArrayList<>();
            for (int k = 0; k < 3 * perSender; k++) {
                got.add(client.next());
            }
            if (first == null) {
                first = got;
                assertBroadcastsInOrder(got, 3, perSender);
            } else {
                assertEquals(first, got, "every socket sees the object's broadcasts in the object's order");
            }
        }
        lobby.get(1).send("say:red:only-red");
        lobby.get(1).send("say:all:end");
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 0) {
                assertEquals("only-red#61", lobby.get(i).next(), "a tagged broadcast reaches the tagged sockets");
            }
            assertEquals("end#62", lobby.get(i).next(), "and only them, once");
        }
        for (JdkClient client : lobby) {
            assertEquals("4000 bye", client.close(4000, "bye"), "the object's answer to the client's Close, through the link");
        }
    }

    @Test
    @Order(2)
    void aPlainRequestReachesTheOwnerFromEveryNodeAndTheLinkRouteOnlyTheMembers() throws Exception {
        JdkClient probe = connect(nodes.get(0), "/boards/notice", RECONNECT);
        String owner = ask(probe, "who").split(" ")[0].substring("node=".length());
        probe.close(1000, "");
        for (NodeProcess node : nodes) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(node.uri().resolve("/boards/notice"))
                    .header("X-Test", "t1").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals("plain from " + owner + " for notice as t1", answer.body(), "entered by " + node.name);
        }
        HttpRequest.Builder forged = HttpRequest.newBuilder(nodes.get(0).uri().resolve("/_wspair/link"))
                .header("X-Wspair-Object", Board.class.getName()).header("X-Wspair-Id", "0".repeat(64))
                .header("X-Wspair-Method", "GET").header("X-Wspair-Url", "http://x/boards/notice")
                .timeout(Duration.ofSeconds(30));
        assertEquals(403, http.send(forged.build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "the link route serves only the cluster's members");
        assertEquals(403, http.send(forged.header("X-Wspair-Link", "guess").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    @Order(3)
    void aClientLostOnTheWayReachesTheObjectAs1001WithWorkerdsReasonOneLostAtTheOwnerAs1006() throws Exception {
        NodeProcess owner = nodes.get(0);
        String path = boardOwnedBy(owner, "lost-");
        JdkClient watcher = connect(owner, path, RECONNECT);
        JdkClient viaLink = connect(nodes.get(1), path, RECONNECT);
        JdkClient direct = connect(owner, path, RECONNECT);
        assertEquals("3", ask(watcher, "count:all"));

        int before = awaitCloses(watcher, 0).size(); // the probe of boardOwnedBy closed with 1000

        viaLink.socket.abort();
        assertEquals("1001 WebSocket disconnected without sending Close frame. true", awaitCloses(watcher, before + 1).get(before),
                "README D32: a client lost on its way through a link reaches the object as 1001, clean, with workerd's reason");
        direct.socket.abort();
        assertEquals("1006 WebSocket disconnected without sending Close frame. false", awaitCloses(watcher, before + 2).get(before + 1),
                "a client lost at the owner reaches it as 1006, as in workerd");
    }

    @Test
    @Order(4)
    void aCloseCodeTheEntryNodesClientRefusesReachesAClientThroughALinkAs1012() throws Exception {
        NodeProcess owner = nodes.get(0);
        String path = boardOwnedBy(owner, "codes-");
        JdkClient direct = connect(owner, path, RECONNECT);
        JdkClient viaLink = connect(nodes.get(2), path, RECONNECT);
        JdkClient viaLinkToo = connect(nodes.get(2), path, RECONNECT);
        assertEquals("3", ask(direct, "count:all"));

        direct.send("close:1014:bad gateway");
        assertEquals("1014 bad gateway", direct.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "the object's code as it is, on the owner");
        viaLink.send("close:1014:bad gateway");
        assertEquals("1012 service restart", viaLink.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "README D33: Tyrus's client on the entry node refuses 1014, and the client is told to reconnect");
        viaLinkToo.send("close:2000:x");
        assertEquals("1012 service restart", viaLinkToo.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "README D33: and 2000");
        JdkClient viaLinkAgain = connect(nodes.get(1), path, RECONNECT);
        viaLinkAgain.send("close:4001:fine");
        assertEquals("4001 fine", viaLinkAgain.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "a code the entry node's client accepts crosses the link as it is");
    }

    @Test
    @Order(5)
    void theOwnerSeesTheEntryNodesUserByNameOnly() throws Exception {
        JdkClient probe = connect(nodes.get(0), "/boards/users", RECONNECT);
        String owner = ask(probe, "who").split(" ")[0].substring("node=".length());
        probe.close(1000, "");
        for (NodeProcess node : nodes) {
            String here = "user alice (" + (node.name.equals(owner) ? "BoardUser" : "LinkedPrincipal") + ") on " + owner;
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(node.uri().resolve("/boards/users?as=alice"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(here, answer.body(), "README D35, a plain request entered by " + node.name
                    + ": the application's own principal on the owner, a principal with its name alone through a link");
            JdkClient socket = connect(node, "/boards/users?as=alice", RECONNECT);
            assertEquals(here, socket.next(), "README D35, a WebSocket entered by " + node.name);
            socket.close(1000, "");
        }
    }

    @Test
    @Order(6)
    void theOwnerKilledItsClientsReconnectToAFreshInstanceOnASurvivorAndOtherObjectsMissNothing() throws Exception {
        List<JdkClient> crash = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            crash.add(connect(nodes.get(i % 3), "/boards/crash?tags=all", RECONNECT));
        }
        String ownerName = ask(crash.get(0), "who").split(" ")[0].substring("node=".length());
        NodeProcess owner = nodes.stream().filter(n -> n.name.equals(ownerName)).findFirst().orElseThrow();
        List<NodeProcess> survivors = nodes.stream().filter(n -> n != owner).toList();

        // an object owned by a survivor, with a client on each survivor
        List<JdkClient> calm = calmObjectAwayFrom(ownerName, survivors);
        calm.get(0).send("say:all:before");
        for (JdkClient client : calm) {
            assertEquals("before#1", client.next());
        }

        long killed = System.nanoTime();
        owner.kill();
        for (int i = 0; i < 6; i++) {
            JdkClient client = crash.get(i);
            if (nodes.get(i % 3) == owner) {
                // the JDK's client reports a connection that ended without a Close frame as 1006
                assertEquals("1006 ", client.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                        "a client of the killed node loses its connection without a Close frame");
            } else {
                assertEquals("1012 service restart", client.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                        "a client that entered by a survivor is told to reconnect");
            }
        }
        System.out.printf("every client of the killed owner's object closed %d ms after kill -9%n",
                (System.nanoTime() - killed) / 1_000_000);

        List<JdkClient> back = new ArrayList<>();
        for (NodeProcess survivor : survivors) {
            back.add(connect(survivor, "/boards/crash?tags=all", RECONNECT));
        }
        System.out.printf("reconnected through both survivors %d ms after kill -9%n", (System.nanoTime() - killed) / 1_000_000);
        String whoNow = ask(back.get(0), "who");
        assertEquals(whoNow, ask(back.get(1), "who"), "one new instance");
        assertFalse(whoNow.contains(ownerName), whoNow);
        assertEquals("2", ask(back.get(1), "count:all"));
        back.get(1).send("say:all:again");
        for (JdkClient client : back) {
            assertEquals("again#1", client.next(), "a fresh instance: the object's memory is gone");
        }

        calm.get(1).send("say:all:after");
        for (JdkClient client : calm) {
            assertFalse(client.closed.isDone(), "a socket of an object that stayed where it was stays connected");
            assertEquals("after#2", client.next(), "nothing lost, repeated or reordered");
        }
    }

    @Test
    @Order(7)
    void aNodeStoppedCleanlyGivesItsClients1001() throws Exception {
        List<NodeProcess> alive = nodes.stream().filter(NodeProcess::alive).toList();
        assertEquals(2, alive.size());
        NodeProcess stopping = alive.get(0);
        NodeProcess staying = alive.get(1);
        String leaving = boardOwnedBy(stopping, "leaving-");
        String staysPut = boardOwnedBy(staying, "stays-");
        JdkClient leavingHere = connect(stopping, leaving, RECONNECT);
        JdkClient leavingThere = connect(staying, leaving, RECONNECT);
        JdkClient staysPutHere = connect(stopping, staysPut, RECONNECT);
        JdkClient staysPutThere = connect(staying, staysPut, RECONNECT);
        assertEquals("2", ask(leavingThere, "count:all"));
        assertEquals("2", ask(staysPutThere, "count:all"));

        stopping.stop(Duration.ofSeconds(60));
        assertEquals("1001 going away", leavingHere.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "a client of the stopped node whose object lived there");
        assertEquals("1001 going away", staysPutHere.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "a client of the stopped node whose object lives elsewhere");
        String other = leavingThere.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(other.equals("1001 going away") || other.equals("1012 service restart"), other);
        System.out.println("a client on another node whose object lived on the stopped node got: " + other);
        assertFalse(staysPutThere.closed.isDone(), "the object that stayed keeps its other clients");
        assertEquals("1", ask(staysPutThere, "count:all"));
        String whoNow = ask(connect(staying, leaving, RECONNECT), "who");
        assertTrue(whoNow.contains(staying.name), whoNow);
    }

    /** The close events the watcher's object saw, once there are at least {@code count}. */
    private static List<String> awaitCloses(JdkClient watcher, int count) {
        List<List<String>> seen = new ArrayList<>();
        Timeouts.until(count + " close events in the object", CLOSE, POLL, () -> {
            try {
                String answer = ask(watcher, "closes");
                seen.add(answer.isEmpty() ? List.of() : List.of(answer.split("\\|")));
            } catch (Exception e) {
                throw new AssertionError("the watcher's question failed", e);
            }
            return seen.get(seen.size() - 1).size() >= count;
        });
        return seen.get(seen.size() - 1);
    }

    /** A board (path with {@code tags=all}) whose object lives on {@code node}. */
    private String boardOwnedBy(NodeProcess node, String prefix) throws Exception {
        for (int k = 0; k < 50; k++) {
            String path = "/boards/" + prefix + k + "?tags=all";
            JdkClient probe = connect(node, path, RECONNECT);
            boolean there = ask(probe, "who").contains(node.name + " ");
            probe.close(1000, "");
            if (there) {
                return path;
            }
        }
        throw new AssertionError("50 boards, none owned by " + node.name);
    }

    /** Finds a board owned by one of {@code survivors}, and puts a client on each survivor in it. */
    private List<JdkClient> calmObjectAwayFrom(String ownerName, List<NodeProcess> survivors) throws Exception {
        for (int k = 0; k < 50; k++) {
            String path = "/boards/calm-" + k + "?tags=all";
            JdkClient probe = connect(survivors.get(0), path, RECONNECT);
            if (!ask(probe, "who").contains(ownerName)) {
                List<JdkClient> calm = List.of(probe, connect(survivors.get(1), path, RECONNECT));
                assertEquals("2", ask(calm.get(1), "count:all"));
                return calm;
            }
            probe.close(1000, "");
        }
        throw new AssertionError("50 boards, all owned by " + ownerName);
    }

    /** The sequence numbers count 1..n in order, and each sender's messages come once each, in its order. */
    private static void assertBroadcastsInOrder(List<String> got, int senders, int perSender) {
        int[] next = new int[senders];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < got.size(); k++) {
            String message = got.get(k);
            assertTrue(seen.add(message), "once: " + message);
            assertTrue(message.endsWith("#" + (k + 1)), "the object's order: " + message + " at " + k);
            String[] parts = message.substring(0, message.indexOf('#')).split("-");
            int sender = Integer.parseInt(parts[0].substring(1));
            assertEquals(next[sender]++, Integer.parseInt(parts[1]), "sender " + sender + "'s order: " + got);
        }
        for (int count : next) {
            assertEquals(perSender, count);
        }
    }

    private JdkClient connect(NodeProcess node, String path, Duration timeout) throws Exception {
        return cluster.connect(node, path, timeout);
    }




    /** Ports free on 127.0.0.1 now (the nodes' Hazelcast members must know each other's before they start). */
    static int[] freePorts(int count) throws Exception {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }
}
