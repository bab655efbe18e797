package dev.wspair.cluster;

import dev.wspair.embedded.EmbeddedServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One node of the cluster tests, in a JVM of its own: {@code ClusterNodeMain NAME CLUSTER_PORT
 * MEMBERS}. Serves {@link BoardRoute} on a free port of 127.0.0.1, prints {@code READY <url>} once it
 * joined, and stops cleanly when its standard input says {@code stop} (or ends).
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = EmbeddedServer.builder().name(args[0]).beanClasses(BoardRoute.class)
                .setting(ClusterSettings.MEMBERS, args[2])
                .setting(ClusterSettings.PORT, args[1])
                .setting(ClusterSettings.NAME, "wspair-test")
                .setting(ClusterSettings.FAILURE_TIMEOUT, "PT4S")
                .setting(ClusterSettings.FORWARD_TIMEOUT, "PT20S")
                .setting("wspair.objects.hibernateAfter", "PT10M")
                .start();
        System.out.println("READY " + server.uri());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
            // wait for the word
        }
        server.close();
        System.out.println("STOPPED");
        System.out.flush();
    }
}
