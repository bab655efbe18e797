package dev.wspair.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a client script on Node (packages installed by the build in src-it/workerd) and returns what it printed. */
public final class NodeClient {

    private NodeClient() {
    }

    public static String run(String script, URI url) throws IOException, InterruptedException {
        return run(script, url, Map.of());
    }

    /** As {@link #run(String, URI)}, with more environment variables ({@code NODE_EXTRA_CA_CERTS}, say). */
    public static String run(String script, URI url, Map<String, String> environment) throws IOException, InterruptedException {
        Path directory = Path.of(System.getProperty("it.node", "workerd"));
        ProcessBuilder builder = new ProcessBuilder("node", script, url.toString()).directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process node = builder.start();
        if (!node.waitFor(30, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish");
        }
        return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
