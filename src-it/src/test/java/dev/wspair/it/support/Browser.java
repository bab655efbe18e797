package dev.wspair.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the Playwright script of src-it/browser against a page, in headless Chromium (Debian's package). */
public final class Browser {

    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private Browser() {
    }

    /** Whether the browser test can run here: Chromium is installed (CI installs it; .ci/run). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    /** Runs {@code script} on {@code page}; returns what it printed. The screenshot goes to {@code screenshot}. */
    public static String run(String script, URI page, Path screenshot) throws IOException, InterruptedException {
        Files.createDirectories(screenshot.getParent());
        Path directory = Path.of(System.getProperty("it.browser", "browser"));
        ProcessBuilder builder = new ProcessBuilder("node", script, page.toString(), screenshot.toString())
                .directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        Process node = builder.start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the browser test did not finish in 120 s");
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (node.exitValue() != 0) {
            throw new AssertionError("the browser test failed:\n" + output);
        }
        return output;
    }
}
