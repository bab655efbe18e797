package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wspair.it.app.DialRoute;
import dev.wspair.it.app.EchoRoute;
import dev.wspair.it.app.ThreadsServlet;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The everyday loop of a Jakarta EE developer: deploy, use, undeploy, again. After 30 rounds of
 * 100 connections and one use of the client, nothing of the application stays in the server: no
 * thread of ours or with its class loader, and no class of wspair with live instances (a leaked
 * class loader would show each class once per round). WildFly only: the Payara adapter restarts
 * Payara Micro for each deployment, and the embedded runtime has no undeploy.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final String APP = "redeployed";
    private static final String PROBE = "probe";
    static final int ROUNDS = 30;
    static final int CONNECTIONS = 100;

    @Deployment(name = APP, managed = false, testable = false)
    static Archive<?> app() {
        return Wars.of(APP, EchoRoute.class, DialRoute.class);
    }

    @Deployment(name = PROBE, managed = false, testable = false)
    static Archive<?> probe() {
        return Wars.withoutLibrary(PROBE, ThreadsServlet.class);
    }

    @ArquillianResource
    Deployer deployer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thirtyRedeploysLeaveNoThreadAndNoClassOfTheApplication() throws Exception {
        assumeTrue(Runtime.current() == Runtime.WILDFLY, "redeploys are measured on WildFly");
        deployer.deploy(PROBE);
        try {
            long pid = Long.parseLong(threads().get(0));
            Map<String, Integer> oneDeployment = null;
            long started = System.nanoTime();
            for (int round = 1; round <= ROUNDS; round++) {
                deployer.deploy(APP);
                if (round == 1) {
                    oneDeployment = wspairClasses(pid);
                }
                useAndUndeploy(round);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

            List<String> left = threads().stream().skip(1)
                    .filter(line -> line.contains("wspair") || line.contains("deployment." + APP + ".war")).toList();
            Map<String, Integer> afterwards = wspairClasses(pid);
            deployer.deploy(APP);
            Map<String, Integer> deployedAgain = wspairClasses(pid);
            deployer.undeploy(APP);

            String report = "rounds=" + ROUNDS + " connections=" + CONNECTIONS + " seconds=" + seconds
                    + " wspairClassesWithInstances(one deployment)=" + oneDeployment.size()
                    + " afterUndeploys=" + afterwards.size() + " deployedAgain=" + deployedAgain.size()
                    + " threadsLeft=" + left.size() + "\n";
            Files.writeString(Path.of("target", "redeploy.txt"), report);
            System.out.print(report);
            assertEquals(List.of(), left, "threads of the undeployed application");
            assertEquals(Map.of(), afterwards, "wspair classes with live instances after the last undeploy");
            assertEquals(Map.of(), deployedAgain.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "classes loaded more than once");
        } finally {
            deployer.undeploy(PROBE);
        }
    }

    /** 100 connections each echo once, the server dials itself with the client, then the undeploy gives each 1001. */
    private void useAndUndeploy(int round) throws Exception {
        List<JdkClient> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            JdkClient client = new JdkClient(URI.create(base("ws") + APP + "/echo/r" + round));
            clients.add(client);
            client.send("hi " + i);
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            assertEquals("r" + round + ": hi " + i, clients.get(i).next());
        }
        HttpResponse<String> dialled = http.send(HttpRequest.newBuilder(URI.create(base("http") + APP + "/dial?to="
                + base("ws") + APP + "/echo/self")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("self: ping", dialled.body(), "the client inside the application, round " + round);
        deployer.undeploy(APP);
        for (JdkClient client : clients) {
            assertEquals("1001 going away", client.closed.get(20, TimeUnit.SECONDS));
        }
    }

    private List<String> threads() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base("http") + PROBE + "/threads"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body().lines().toList();
    }

    /** wspair's classes with live instances after a full GC (jcmd's class histogram), and how many loaders hold each. */
    private static Map<String, Integer> wspairClasses(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        return output.lines().map(String::trim).map(line -> line.split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].startsWith("dev.wspair."))
                .collect(Collectors.groupingBy(columns -> columns[3], Collectors.summingInt(columns -> 1)));
    }

    private static String base(String scheme) {
        return scheme + "://127.0.0.1:" + System.getProperty("wildfly.http.port") + "/";
    }
}
