package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wspair.it.app.EchoRoute;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.JdkClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two applications that share one copy of wspair each have their own runtime: their own limits
 * from their own web.xml, their own connections, and an undeploy of one never touches the other's.
 * WildFly only: Payara Micro deploys WARs (Web Profile), not EARs, and has no shared deployments;
 * the embedded runtime is one application.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationsIT {

    private static final String EAR = "apps";
    private static final String LIBRARY = "wspair-shared";
    private static final String FIRST = "first";
    private static final String SECOND = "second";
    /** 200 characters: over the small application's limit of 100 bytes, under the other's. */
    private static final String MESSAGE = "x".repeat(200);

    @Deployment(name = EAR, managed = false, testable = false)
    static Archive<?> ear() {
        return Wars.ear(EAR,
                Wars.withContextParams(Wars.withoutLibrary("small", EchoRoute.class), "wspair.maxMessageSize", "100"),
                Wars.withContextParams(Wars.withoutLibrary("large", EchoRoute.class), "wspair.maxMessageSize", "100000"));
    }

    @Deployment(name = LIBRARY, managed = false, testable = false, order = 1)
    static Archive<?> library() {
        return Wars.sharedLibrary(LIBRARY);
    }

    @Deployment(name = FIRST, managed = false, testable = false, order = 2)
    static Archive<?> first() {
        return Wars.sharing(Wars.withContextParams(Wars.withoutLibrary(FIRST, EchoRoute.class),
                "wspair.maxMessageSize", "100"), LIBRARY);
    }

    @Deployment(name = SECOND, managed = false, testable = false, order = 3)
    static Archive<?> second() {
        return Wars.sharing(Wars.withoutLibrary(SECOND, EchoRoute.class), LIBRARY);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @Order(1)
    void twoWarsInOneEarEachApplyTheirOwnMessageLimit() throws Exception {
        assumeTrue(Runtime.current() == Runtime.WILDFLY, "EARs run on WildFly only here");
        deployer.deploy(EAR);
        try {
            JdkClient small = new JdkClient(ws("small/echo/s"));
            JdkClient large = new JdkClient(ws("large/echo/l"));

            large.send(MESSAGE);
            assertEquals("l: " + MESSAGE, large.next());
            small.send(MESSAGE);
            assertEquals("1009 Message is too large: 200 > 100", small.closed.get(20, TimeUnit.SECONDS));
            large.send("still here");
            assertEquals("l: still here", large.next());
            assertEquals("1000 bye", large.close(1000, "bye"));
        } finally {
            deployer.undeploy(EAR);
        }
    }

    @Test
    @Order(2)
    void undeployingOneApplicationLeavesTheOthersConnectionsOpen() throws Exception {
        assumeTrue(Runtime.current() == Runtime.WILDFLY, "shared deployments are WildFly's");
        deployer.deploy(LIBRARY);
        deployer.deploy(FIRST);
        deployer.deploy(SECOND);
        try {
            List<JdkClient> firsts = new ArrayList<>();
            List<JdkClient> seconds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                firsts.add(new JdkClient(ws(FIRST + "/echo/f" + i)));
                seconds.add(new JdkClient(ws(SECOND + "/echo/s" + i)));
            }
            seconds.get(0).send(MESSAGE);
            assertEquals("s0: " + MESSAGE, seconds.get(0).next(), "the second application keeps its own (default) limit");

            deployer.undeploy(FIRST);

            for (JdkClient client : firsts) {
                assertEquals("1001 going away", client.closed.get(20, TimeUnit.SECONDS));
            }
            for (int i = 0; i < seconds.size(); i++) {
                JdkClient client = seconds.get(i);
                client.send("after the undeploy");
                assertEquals("s" + i + ": after the undeploy", client.next());
                assertEquals(false, client.closed.isDone(), "a connection of the other application was closed");
            }
            assertEquals("1000 done", seconds.get(1).close(1000, "done"));
        } finally {
            deployer.undeploy(SECOND);
            deployer.undeploy(LIBRARY);
        }
    }

    private static URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + System.getProperty("wildfly.http.port") + "/" + path);
    }
}
