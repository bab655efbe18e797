package dev.wspair.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The conformance peer as a Worker in workerd (src-it/workerd, npm package workerd), on 127.0.0.1. */
public final class WorkerdPeer implements AutoCloseable {

    private final Process process;
    private final String url;

    /** Starts workerd with {@code compatibilityDate}; returns once it answers HTTP. */
    public WorkerdPeer(String compatibilityDate) throws IOException {
        Path directory = Path.of(System.getProperty("it.node", "workerd"));
        process = new ProcessBuilder("node", "start-peer.mjs", "--port", "0", "--compat-date", compatibilityDate)
                .directory(directory.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on ")) {
            process.destroyForcibly();
            throw new IOException("workerd did not start (compatibility date " + compatibilityDate + "): " + line);
        }
        url = line.substring("listening on ".length()).trim();
    }

    /** {@code ws://127.0.0.1:N} */
    public String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
