package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wspair.it.app.DialRoute;
import dev.wspair.it.app.EchoRoute;
import dev.wspair.it.app.PlainEcho;
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
 * 100 connections and one use of the client, nothing of ours stays in the server: no thread of
 * ours, and the old class loaders still holding live wspair classes are those the container's
 * worker threads keep, plus a small number: it grows by at most one from round 15 to round 30 (a
 * leak of ours would keep fifteen more; something not ours keeps one recently undeployed
 * application at times). WildFly only: the Payara adapter restarts Payara Micro for each deployment, and the
 * embedded runtime has no undeploy.
 *
 * <p>The control: a plain JSR-356 application that also closes its sessions with 1001 when it
 * stops. Undertow then leaves the stopped application's class loader as the context class loader
 * of the worker threads ("default task-N") that ran those onClose calls; the same threads do the
 * same after a wspair application, and nothing else does.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final String APP = "redeployed";
    private static final String CONTROL = "plain";
    private static final String PROBE = "probe";
    static final int ROUNDS = 30;
    static final int CONNECTIONS = 100;

    @Deployment(name = APP, managed = false, testable = false)
    static Archive<?> app() {
        return Wars.of(APP, EchoRoute.class, DialRoute.class);
    }

    @Deployment(name = CONTROL, managed = false, testable = false)
    static Archive<?> control() {
        return Wars.withoutLibrary(CONTROL, PlainEcho.class, PlainEcho.GoingAway.class);
    }

    @Deployment(name = PROBE, managed = false, testable = false)
    static Archive<?> probe() {
        return Wars.withoutLibrary(PROBE, ThreadsServlet.class);
    }

    @ArquillianResource
    Deployer deployer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thirtyRedeploysLeaveNoThreadOfOursAndNoGrowingNumberOfClassLoaders() throws Exception {
        assumeTrue(Runtime.current() == Runtime.WILDFLY, "redeploys are measured on WildFly");
        deployer.deploy(PROBE);
        try {
            long pid = Long.parseLong(threads().get(0));
            deployer.deploy(CONTROL);
            List<JdkClient> plain = connect(CONTROL + "/plain/c");
            deployer.undeploy(CONTROL);
            for (JdkClient client : plain) {
                assertTrue(client.closed.get(20, TimeUnit.SECONDS).startsWith("1001"));
            }
            List<String> controlLeft = threadsWithLoaderOf(CONTROL);

            Map<String, Integer> oneDeployment = null;
            Held half = null;
            long started = System.nanoTime();
            for (int round = 1; round <= ROUNDS; round++) {
                deployer.deploy(APP);
                if (round == 1) {
                    oneDeployment = wspairClasses(pid);
                }
                useAndUndeploy(round);
                if (round == ROUNDS / 2) {
                    half = held(pid, 0, 5);
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            // a leak of ours keeps one more per round (15 here); something not ours keeps at most one recently
            // undeployed application at times (seen: 0 then 1, 2 then 3, 3 then 3, kept through 60 s of full GCs)
            Held end = held(pid, half.others() + 1, 60);
            List<String> left = threadsWithLoaderOf(APP);

            String report = "rounds=" + ROUNDS + " connections=" + CONNECTIONS + " seconds=" + seconds
                    + " wspairClassesWithInstances(one deployment)=" + oneDeployment.size()
                    + " after " + ROUNDS / 2 + " rounds: " + half + "; after " + ROUNDS + ": " + end
                    + "; control: " + controlLeft.size() + " worker threads kept its class loader\n";
            Files.writeString(Path.of("target", "redeploy.txt"), report);
            System.out.print(report);
            assertEquals(List.of(), threads().stream().filter(line -> line.startsWith("wspair")).toList(), "threads of ours");
            assertEquals(List.of(), left.stream().filter(line -> !line.startsWith("default task-")).toList(),
                    "threads other than Undertow's workers with the undeployed application's class loader");
            assertTrue(left.isEmpty() || !controlLeft.isEmpty(), "Undertow's workers keep the class loader only after "
                    + "wspair, not after the control: " + left);
            assertTrue(end.others() <= half.others() + 1, "class loaders held other than by Undertow's workers grew from "
                    + half + " to " + end + " in " + ROUNDS / 2 + " more redeploys: " + end.classes());
        } finally {
            deployer.undeploy(PROBE);
        }
    }

    /** 100 connections each echo once, the server dials itself with the client, then the undeploy gives each 1001. */
    private void useAndUndeploy(int round) throws Exception {
        List<JdkClient> clients = connect(APP + "/echo/r" + round);
        HttpResponse<String> dialled = http.send(HttpRequest.newBuilder(URI.create(base("http") + APP + "/dial?to="
                + base("ws") + APP + "/echo/self")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("self: ping", dialled.body(), "the client inside the application, round " + round);
        deployer.undeploy(APP);
        for (JdkClient client : clients) {
            assertEquals("1001 going away", client.closed.get(20, TimeUnit.SECONDS));
        }
    }

    /** {@link #CONNECTIONS} clients on {@code path}, each having had one echo. */
    private static List<JdkClient> connect(String path) throws Exception {
        List<JdkClient> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            JdkClient client = new JdkClient(URI.create(base("ws") + path));
            clients.add(client);
            client.send("hi " + i);
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            assertTrue(clients.get(i).next().endsWith(": hi " + i));
        }
        return clients;
    }

    /** Threads whose context class loader is the deployment {@code name}'s. */
    private List<String> threadsWithLoaderOf(String name) throws Exception {
        return threads().stream().skip(1).filter(line -> line.contains("\"deployment." + name + ".war\"")).toList();
    }

    private List<String> threads() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base("http") + PROBE + "/threads"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body().lines().toList();
    }

    /**
     * After the undeploys: how many old class loaders still hold live wspair classes, and how many
     * of them Undertow's worker threads keep as their context class loader.
     */
    private record Held(int loaders, long keptByWorkers, Map<String, Integer> classes) {
        long others() {
            return Math.max(0, loaders - keptByWorkers);
        }

        @Override
        public String toString() {
            return loaders + " class loaders hold wspair classes, " + keptByWorkers + " kept by Undertow's workers";
        }
    }

    /**
     * {@link Held} once at most {@code others} loaders are held other than by Undertow's workers, or
     * after {@code seconds} (a full GC each look), for released objects to go.
     */
    private Held held(long pid, long others, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long kept = threadsWithLoaderOf(APP).stream().map(line -> line.substring(line.lastIndexOf('\t') + 1))
                    .distinct().count();
            Map<String, Integer> classes = wspairClasses(pid);
            Held held = new Held(loaders(classes), kept, classes);
            if (held.others() <= others || System.nanoTime() > deadline) {
                return held;
            }
        }
    }

    /** How many class loaders hold live wspair classes: the most holders of any one class. */
    private static int loaders(Map<String, Integer> classes) {
        return classes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * wspair's classes with live instances after a full GC (jcmd's class histogram), and how many
     * class loaders hold each (a class name appears once per loader).
     */
    private static Map<String, Integer> wspairClasses(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        return output.lines().map(String::trim).map(line -> line.split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].startsWith("dev.wspair.")
                        && !columns[3].startsWith("dev.wspair.it.") && !columns[3].contains("$$Lambda"))
                .collect(Collectors.groupingBy(columns -> columns[3], Collectors.summingInt(columns -> 1)));
    }

    private static String base(String scheme) {
        return scheme + "://127.0.0.1:" + System.getProperty("wildfly.http.port") + "/";
    }
}
