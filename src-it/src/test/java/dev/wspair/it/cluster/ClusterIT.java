package dev.wspair.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.support.Urls;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.JdkClient;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two WildFly nodes serving the same WAR in one cluster: Arquillian's WildFly (node A) and a second
 * WildFly the test starts from the same distribution (node B, its own base directory and ports). The
 * WAR is the example chat, unchanged, with Hazelcast in {@code WEB-INF/lib} and a probe route; each
 * node's cluster settings are system properties of its server (node A's set through the management
 * API before the deployment and removed after it), so both nodes deploy the same bytes. Neither sets
 * {@code wspair.cluster.advertise}: each advertises its HTTP listener as WildFly publishes it.
 * Hazelcast binds 127.0.0.1, joins by a TCP-IP member list, multicast off.
 *
 * <p>A person on each node joins a room whose object lives on B, and another room whose object
 * lives on A: every message reaches both, whichever node it entered by. Then the WAR is undeployed on
 * B: its clients get 1001, the room that lived on A goes on (and hears that B's member left), node
 * B's JVM has no Hazelcast thread left, and the room that lived on B comes back, fresh, on A.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(ClusterIT.TwoNodes.class)
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly",
        disabledReason = "two WildFly nodes: the WildFly run only")
class ClusterIT {

    static final String WAR = "cluster-chat.war";
    private static final String CLUSTER = "wspair-it";
    /** A second WildFly boots in 7-18 s on an idle machine; CI machines are busy. */
    /** How often the state of another process is asked for. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** A handshake that may wait for the cluster to settle who owns the room (forward timeout 10 s). */
    private static final Duration HANDSHAKE = Duration.ofSeconds(30);
    private static final Duration CLOSE = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<JdkClient> clients = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive war() {
        File chat = new File(System.getProperty("example.war", "../war-example/target/chat.war"));
        return ShrinkWrap.create(WebArchive.class, WAR)
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, chat))
                .addClass(ClusterProbe.class)
                .addAsWebInfResource(new StringAsset(JDK_UNSUPPORTED), "jboss-deployment-structure.xml")
                .addAsLibraries(Path.of(System.getProperty("it.libs", "target/it-libs"), "hazelcast.jar").toFile());
    }

    @ArquillianResource
    URL deployment;

    /** Hazelcast uses {@code sun.misc.Unsafe}: WildFly shows a deployment {@code jdk.unsupported} only when asked. */
    static final String JDK_UNSUPPORTED = "<jboss-deployment-structure><deployment><dependencies>"
            + "<module name=\"jdk.unsupported\"/></dependencies></deployment></jboss-deployment-structure>";

    /**
     * Before the deployment: node A's cluster settings as system properties of Arquillian's WildFly,
     * and node B started with the WAR in its deployments (it boots while A deploys). After the
     * undeployment: node B stopped by its PID, the properties removed.
     */
    public static class TwoNodes implements ServerSetupTask {
        private SecondWildFly nodeB;

        @Override
        public void setup(ManagementClient client, String containerId) throws Exception {
            for (Map.Entry<String, String> property : settings(port("cluster.a.port")).entrySet()) {
                ModelNode add = Operations.createAddOperation(Operations.createAddress("system-property", property.getKey()));
                add.get("value").set(property.getValue());
                executeOperation(client, add);
            }
            Path war = nodeBase().resolveSibling("cluster-it").resolve(WAR);
            Files.createDirectories(war.getParent());
            war().as(ZipExporter.class).exportTo(war.toFile(), true);
            nodeB = SecondWildFly.start(home(), nodeBase(), new int[] {port("wildfly.b.http.port"),
                port("wildfly.b.https.port"), port("wildfly.b.mgmt.port"), port("wildfly.b.mgmt.https.port")},
                settings(port("cluster.b.port")), war);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) throws Exception {
            try {
                if (nodeB != null) {
                    nodeB.close();
                }
            } finally {
                for (String name : settings(0).keySet()) {
                    executeOperation(client, Operations.createRemoveOperation(Operations.createAddress("system-property", name)));
                }
            }
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("wildfly.home"));
    }

    /** Node B's base directory, beside the distribution. */
    private static Path nodeBase() {
        return home().resolveSibling("wildfly-node-b");
    }

    /** The cluster settings of the node whose Hazelcast member listens on {@code port}. */
    static Map<String, String> settings(int port) {
        return Map.of("wspair.cluster.members", "127.0.0.1:" + port("cluster.a.port") + ",127.0.0.1:" + port("cluster.b.port"),
                "wspair.cluster.port", Integer.toString(port),
                "wspair.cluster.name", CLUSTER,
                "wspair.cluster.bindAddress", "127.0.0.1");
    }

    private static int port(String name) {
        return Integer.parseInt(System.getProperty(name));
    }

    @AfterEach
    void disconnect() {
        for (JdkClient client : clients) {
            client.socket.abort();
        }
    }

    @Test
    void aPersonOnEachNodeMeetsTheOtherInOneRoomAndAnUndeployedNodeHandsItsClients1001() throws Exception {
        long started = System.nanoTime();
        SecondWildFly nodeB = SecondWildFly.at(nodeBase(), port("wildfly.b.http.port"));
        nodeB.awaitDeployed(WAR, BOOT);
        long booted = System.nanoTime();
        URI a = Urls.http(deployment, "");
        URI b = nodeB.deployment(WAR.replace(".war", ""));
        for (URI node : List.of(a, b)) {
            Timeouts.until(node + " in a settled cluster of two", SETTLE, POLL,
                    () -> probe(node, null).equals("members=2 settled=true"));
        }
        long formed = System.nanoTime();
        System.out.printf("node B (pid %d) deployed %d ms after node A; the cluster of two settled %d ms later%n",
                nodeB.pid(), (booted - started) / 1_000_000, (formed - booted) / 1_000_000);

        String onB = roomLivingOn(b, a);
        String onA = roomLivingOn(a, b);
        // alice enters by A and bob by B, into a room on B (alice through the link A -> B), and a room on A
        JdkClient aliceInB = join(a, onB, "alice");
        JdkClient bobInB = join(b, onB, "bob");
        JdkClient aliceInA = join(a, onA, "alice");
        JdkClient bobInA = join(b, onA, "bob");
        for (List<JdkClient> room : List.of(List.of(aliceInB, bobInB), List.of(aliceInA, bobInA))) {
            JdkClient alice = room.get(0);
            JdkClient bob = room.get(1);
            assertEquals("{\"joined\":\"alice\"}", alice.next());
            assertEquals("{\"joined\":\"bob\"}", alice.next(), "alice hears bob, who entered by the other node");
            assertEquals("{\"joined\":\"bob\"}", bob.next());
            alice.send("{\"message\":\"hello from A\"}");
            bob.send("{\"message\":\"hello from B\"}");
            List<String> seenByAlice = List.of(alice.next(), alice.next());
            List<String> seenByBob = List.of(bob.next(), bob.next());
            assertEquals(seenByAlice, seenByBob, "both see both messages, in the room's one order");
            assertTrue(seenByAlice.stream().anyMatch(m -> m.contains("\"name\":\"alice\",\"message\":\"hello from A\"")),
                    seenByAlice.toString());
            assertTrue(seenByAlice.stream().anyMatch(m -> m.contains("\"name\":\"bob\",\"message\":\"hello from B\"")),
                    seenByAlice.toString());
        }
        System.out.printf("two rooms, a person on each node in each: %d ms%n", (System.nanoTime() - formed) / 1_000_000);

        assertFalse(nodeB.threadsNamed("hz.").isEmpty(), "node B's Hazelcast member runs while the WAR is deployed");
        long undeploying = System.nanoTime();
        nodeB.undeploy(WAR, BOOT);
        assertEquals("1001 going away", bobInB.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "a client of the undeployed node whose room lived there");
        assertEquals("1001 going away", bobInA.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS),
                "a client of the undeployed node whose room lives on");
        String moved = aliceInB.closed.get(CLOSE.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(moved.equals("1001 going away") || moved.equals("1012 service restart"),
                "a client of A whose room lived on B: " + moved);
        assertEquals("{\"quit\":\"bob\"}", aliceInA.next(), "the room on A hears that bob's link closed");
        assertFalse(aliceInA.closed.isDone(), "and keeps alice");
        aliceInA.send("{\"message\":\"still here\"}");
        assertTrue(aliceInA.next().contains("still here"));
        assertEquals(List.of(), nodeB.threadsNamed("hz."), "the undeployed WAR's Hazelcast member stopped its threads");
        JdkClient back = join(a, onB, "alice");
        assertEquals("{\"joined\":\"alice\"}", back.next(), "the room that lived on B, fresh on A: no history");
        System.out.printf("undeployed on B, closes seen and the room back on A in %d ms (alice in B's room got %s)%n",
                (System.nanoTime() - undeploying) / 1_000_000, moved);
    }

    /** A room whose object lives on {@code owner}, as both nodes see it. */
    private String roomLivingOn(URI owner, URI other) throws Exception {
        for (int k = 0; k < 64; k++) {
            String room = "cluster-" + k;
            if (probe(owner, room).endsWith("room=here") && probe(other, room).endsWith("room=elsewhere")) {
                return room;
            }
        }
        throw new AssertionError("64 rooms, none living on " + owner);
    }

    /** A person in {@code room} through {@code node}, as the chat page of that node connects (its Origin). */
    private JdkClient join(URI node, String room, String name) throws Exception {
        URI uri = URI.create("ws" + node.resolve("chat/" + room + "?name=" + name).toString().substring("http".length()));
        JdkClient client = new JdkClient(uri, HANDSHAKE, Map.of("Origin", "http://" + node.getRawAuthority()));
        clients.add(client);
        return client;
    }

    private String probe(URI node, String room) {
        try {
            return http.send(HttpRequest.newBuilder(node.resolve("cluster-probe" + (room == null ? "" : "?room=" + room)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

}
