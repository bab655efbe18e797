package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.TestCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java dev.wspair.embedded.Main --tls-keystore FILE --tls-password-env VAR}, run as a user
 * runs it: in a JVM of its own, the password in its environment and never on its command line.
 */
class MainTlsTest {

    private static final String LISTENING = "wspair is listening on ";
    private static final String PASSWORD_VARIABLE = "WSPAIR_TEST_KEYSTORE_PASSWORD";

    private static TestCertificate certificate;
    private Process main;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(Path.of("target", "tls"), "main-tls-test");
    }

    @AfterEach
    void stopMain() throws Exception {
        if (main != null && main.isAlive()) {
            main.destroy();
            assertTrue(main.waitFor(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS), "Main stops on SIGTERM");
        }
    }

    private Process start(String passwordOrNull, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port", "0"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(PASSWORD_VARIABLE);
        if (passwordOrNull != null) {
            builder.environment().put(PASSWORD_VARIABLE, passwordOrNull);
        }
        main = builder.start();
        return main;
    }

    /** The output up to and including the line that starts with {@code prefix} (or all of it, if the process ends first). */
    private static List<String> outputUntil(Process process, String prefix) throws Exception {
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = out.readLine()) != null; ) {
                    seen.add(line);
                    if (line.startsWith(prefix)) {
                        break;
                    }
                }
            } catch (java.io.IOException e) {
                seen.add(e.toString());
            }
            return seen;
        });
        return lines.get(2 * Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void itServesHttpsWithThePasswordFromTheEnvironment() throws Exception {
        start(new String(certificate.password()), "--tls-keystore", certificate.keystore().toString(),
                "--tls-password-env", PASSWORD_VARIABLE);
        List<String> output = outputUntil(main, LISTENING);
        String last = output.get(output.size() - 1);
        assertTrue(last.startsWith(LISTENING + "https://127.0.0.1:"), String.join("\n", output));

        URI uri = URI.create(last.substring(LISTENING.length()));
        HttpClient https = HttpClient.newBuilder().sslContext(certificate.trustingClientContext()).build();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(uri.resolve("/no-such-route"))
                .timeout(Timeouts.EVENT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode(), "the TLS handshake completed and the server answered");
    }

    @Test
    void itRefusesToStartWhenThePasswordVariableIsNotSet() throws Exception {
        start(null, "--tls-keystore", certificate.keystore().toString(), "--tls-password-env", PASSWORD_VARIABLE);
        List<String> output = outputUntil(main, "usage:");

        assertTrue(main.waitFor(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(2, main.exitValue());
        assertTrue(output.contains("the environment variable " + PASSWORD_VARIABLE + " (--tls-password-env) is not set"),
                String.join("\n", output));
        assertFalse(output.stream().anyMatch(line -> line.startsWith(LISTENING)));
    }

    @Test
    void aKeystoreWithoutItsPasswordOptionIsAUsageError() throws Exception {
        start(new String(certificate.password()), "--tls-keystore", certificate.keystore().toString());
        List<String> output = outputUntil(main, "usage:");

        assertTrue(main.waitFor(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(2, main.exitValue());
        assertTrue(output.contains("--tls-keystore and --tls-password-env go together"), String.join("\n", output));
    }
}
