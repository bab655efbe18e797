package dev.wspair.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.support.NodeClient;
import dev.wspair.testkit.EchoRoute;
import dev.wspair.testkit.TestCertificate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node's {@code ws} client against the embedded runtime over {@code wss}, trusting the test's
 * certificate through {@code NODE_EXTRA_CA_CERTS} (Node checks it and the 127.0.0.1 in it as for
 * any server). Only in the embedded execution: TLS here is the embedded runtime's own.
 */
class TlsNodeIT {

    private static TestCertificate certificate;
    private static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        certificate = TestCertificate.create(Path.of("target", "tls"), "node-tls-it");
        server = EmbeddedServer.builder().beanClasses(EchoRoute.class).tls(certificate.keystore(), certificate.password()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nodesWsClientTalksOverWssWhenItTrustsTheCertificate() throws Exception {
        String seen = NodeClient.run("ws-echo-client.mjs", server.webSocketUri("/echo"),
                Map.of("NODE_EXTRA_CA_CERTS", certificate.pem().toAbsolutePath().toString()));

        assertEquals("{\"received\":[\"echo: from node\"],\"closeCode\":4000,\"closeReason\":\"node-bye\"}", seen);
    }

    @Test
    void nodesWsClientRefusesTheServerWithoutTheCertificate() throws Exception {
        String seen = NodeClient.run("ws-echo-client.mjs", server.webSocketUri("/echo"));

        assertTrue(seen.startsWith("{\"error\":\"Error: self-signed certificate"), seen);
    }
}
