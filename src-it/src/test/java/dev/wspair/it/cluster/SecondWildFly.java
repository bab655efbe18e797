package dev.wspair.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * A second WildFly, started by the test from the distribution Arquillian's WildFly runs from: its own
 * base directory (a copy of {@code standalone/configuration}, an empty {@code deployments/}), its own
 * ports, everything on 127.0.0.1. A WAR is deployed by dropping it into {@code deployments/} (the
 * deployment scanner, every half second here) and undeployed by deleting its {@code .deployed}
 * marker. Stopped by its PID, which it writes to {@code pid} in its base directory: a handle made
 * with {@link #at} finds the running server from its base directory alone.
 */
final class SecondWildFly implements AutoCloseable {

    private final ProcessHandle process;
    private final Path base;
    private final int httpPort;

    private SecondWildFly(ProcessHandle process, Path base, int httpPort) {
        this.process = process;
        this.base = base;
        this.httpPort = httpPort;
    }

    /** The server started in {@code base} (by this JVM, or another). */
    static SecondWildFly at(Path base, int httpPort) throws IOException {
        long pid = Long.parseLong(Files.readString(base.resolve("pid")).trim());
        return new SecondWildFly(ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(
                "The second WildFly (pid " + pid + ") is not running")), base, httpPort);
    }

    /**
     * Starts the server with {@code war} in its deployments.
     *
     * @param ports http, https, management http, management https
     * @param properties system properties of the server (the application's settings)
     */
    static SecondWildFly start(Path home, Path base, int[] ports, Map<String, String> properties, Path war)
            throws IOException {
        deleteTree(base);
        Files.createDirectories(base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("configuration").resolve(file.getFileName()));
            }
        }
        Path config = base.resolve("configuration/standalone.xml");
        Files.writeString(config, Files.readString(config).replace("scan-interval=\"5000\"", "scan-interval=\"500\""));
        Path tmp = Files.createDirectories(base.resolve("java-tmp"));
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(home).setBaseDirectory(base)
                // a short-lived server on a small machine: C1 alone and one GC thread start it sooner
                .addJavaOptions("-Xms64m", "-Xmx512m", "-XX:MaxMetaspaceSize=384m", "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
                        "-Djava.io.tmpdir=" + tmp, "-Djboss.bind.address=127.0.0.1",
                        "-Djboss.bind.address.management=127.0.0.1", "-Djboss.bind.address.private=127.0.0.1",
                        "-Djboss.http.port=" + ports[0], "-Djboss.https.port=" + ports[1],
                        "-Djboss.management.http.port=" + ports[2], "-Djboss.management.https.port=" + ports[3]);
        properties.forEach((name, value) -> command.addJavaOption("-D" + name + "=" + value));
        Files.copy(war, base.resolve("deployments").resolve(war.getFileName()));
        Process process = Launcher.of(command).setRedirectErrorStream(true).redirectOutput(base.resolve("console.log"))
                .launch();
        Files.writeString(base.resolve("pid"), Long.toString(process.pid()));
        return new SecondWildFly(process.toHandle(), base, ports[0]);
    }

    long pid() {
        return process.pid();
    }

    /** The base URL of a deployment, {@code http://127.0.0.1:port/contextRoot/}. */
    URI deployment(String contextRoot) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + contextRoot + "/");
    }

    /** Waits for the scanner's {@code .deployed} marker of {@code war}; fails at once on {@code .failed}. */
    void awaitDeployed(String war, Duration timeout) {
        awaitMarker(war, ".deployed", timeout);
    }

    /** Undeploys {@code war} (deletes its {@code .deployed} marker) and waits for the {@code .undeployed} one. */
    void undeploy(String war, Duration timeout) throws IOException {
        Files.delete(base.resolve("deployments").resolve(war + ".deployed"));
        awaitMarker(war, ".undeployed", timeout);
    }

    private void awaitMarker(String war, String marker, Duration timeout) {
        Path deployments = base.resolve("deployments");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(deployments.resolve(war + marker))) {
            if (Files.exists(deployments.resolve(war + ".failed"))) {
                throw new AssertionError(war + " failed on the second WildFly: " + read(deployments.resolve(war + ".failed"))
                        + "\n" + tail());
            }
            if (!process.isAlive()) {
                throw new AssertionError("The second WildFly exited\n" + tail());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("No " + war + marker + " within " + timeout + "\n" + tail());
            }
            // the scanner writes the marker; there is nothing to wait on but the file
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** The names of the server's live threads that start with {@code prefix} (a thread dump by {@code jcmd}). */
    List<String> threadsNamed(String prefix) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String out = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0 || !out.contains("Full thread dump")) {
            throw new AssertionError("No thread dump of the second WildFly: " + out);
        }
        return out.lines().filter(line -> line.startsWith("\"" + prefix)).toList();
    }

    /** The end of the server's console, for a failure message. */
    String tail() {
        List<String> lines = read(base.resolve("console.log")).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops the server by its PID: SIGTERM (a clean shutdown), then SIGKILL if it is still there after 60 s. */
    @Override
    public void close() throws Exception {
        process.destroy();
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
