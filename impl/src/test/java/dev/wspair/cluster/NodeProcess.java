package dev.wspair.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node of the cluster tests: {@link ClusterNodeMain} in a JVM of its own, on the test class path.
 * Its standard output is copied to {@code target/cluster-test/NAME.log} (its standard error too) and
 * its lines are kept for {@link #awaitLine}.
 */
final class NodeProcess implements AutoCloseable {

    final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private URI uri;

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static NodeProcess start(String name, int clusterPort, String members) throws IOException {
        Path logs = Path.of("target", "cluster-test");
        Files.createDirectories(logs);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true",
                "-cp", classPath));
        String logging = System.getProperty("cluster.test.logging");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(List.of(ClusterNodeMain.class.getName(), name, Integer.toString(clusterPort), members));
        Process process = new ProcessBuilder(command)
                .redirectError(logs.resolve(name + ".err.log").toFile())
                .start();
        NodeProcess node = new NodeProcess(name, process);
        Path log = logs.resolve(name + ".log");
        Thread reader = new Thread(() -> node.copyOutput(log), "node-output-" + name);
        reader.setDaemon(true);
        reader.start();
        return node;
    }

    private void copyOutput(Path log) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log))) {
            for (String line; (line = out.readLine()) != null; ) {
                copy.println(line);
                copy.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("OUTPUT FAILED " + e);
        }
    }

    /** The first line still unread that starts with {@code prefix}, within {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError(name + " printed no '" + prefix + "' within " + timeout + " (alive: "
                        + process.isAlive() + "; see target/cluster-test/" + name + ".err.log)");
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits until the node joined and listens; its base URL. */
    URI awaitReady(Duration timeout) throws InterruptedException {
        uri = URI.create(awaitLine("READY ", timeout).substring("READY ".length()).trim());
        return uri;
    }

    URI uri() {
        return uri;
    }

    URI webSocket(String path) {
        return URI.create("ws://" + uri.getAuthority() + path);
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Asks the node to close its server (1001 to its clients, leaving the cluster) and waits for its exit. */
    void stop(Duration timeout) throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write("stop\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not stop within " + timeout);
        }
    }

    /** The body of this node's answer to a GET of {@code path}, or the failure as text (for polling). */
    String get(java.net.http.HttpClient http, String path) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Sends {@code question} and returns the next message {@code client} receives. */
    static String ask(dev.wspair.testkit.JdkClient client, String question) throws Exception {
        client.send(question);
        return client.next();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
