package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.app.RecordingRoute;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.JdkClient;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Undeploying the application (on Payara: stopping the server) closes every connection with 1001. */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UndeployIT {

    private static final String NAME = "recorded";

    @Deployment(name = NAME, managed = false, testable = false)
    static WebArchive war() {
        return Wars.of(NAME, RecordingRoute.class);
    }

    @ArquillianResource
    Deployer deployer;

    private static final Path EVENTS = Runtime.current().tmpDir().resolve(RecordingRoute.FILE);

    @Test
    @Order(1)
    void deploy() throws Exception {
        Files.deleteIfExists(EVENTS);
        deployer.deploy(NAME);
    }

    @Test
    @Order(2)
    void everyClientGets1001AndEveryServerSocketItsCloseEvent(@ArquillianResource @OperateOnDeployment(NAME) URL deployment)
            throws Exception {
        List<JdkClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JdkClient client = new JdkClient(Urls.ws(deployment, "recorded/c" + i));
            client.send("hello");
            assertEquals("ready", client.next());
            clients.add(client);
        }

        deployer.undeploy(NAME);

        for (JdkClient client : clients) {
            assertEquals("1001 going away", client.closed.get(20, TimeUnit.SECONDS));
        }
        List<String> recorded = awaitLines(3);
        // the JDK client answers a Close with its code and no reason: the socket reports that answer, as
        // workerd
        assertEquals(List.of("c0 1001  true 3", "c1 1001  true 3", "c2 1001  true 3"),
                recorded.stream().sorted().toList());
    }

    /**
     * The recorded lines once there are {@code count}: the Payara adapter stops the server without
     * waiting for it to exit, so the records may still be on their way when undeploy returns.
     */
    private static List<String> awaitLines(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            EVENTS.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                List<String> lines = Files.exists(EVENTS) ? Files.readAllLines(EVENTS) : List.of();
                long left = deadline - System.nanoTime();
                if (lines.size() >= count || left <= 0) {
                    assertTrue(lines.size() >= count, "close events recorded in " + EVENTS + ": " + lines);
                    return lines;
                }
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
