package dev.wspair.embedded;

import static dev.wspair.WebSocket.CLOSED;
import static dev.wspair.WebSocket.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.ClientOptions;
import dev.wspair.WebSocket;
import dev.wspair.engine.Messages;
import dev.wspair.engine.Recorder;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.EchoRoute;
import dev.wspair.testkit.TestCertificate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given the embedded runtime with a PKCS12 keystore of a certificate made for the test, then
 * clients that trust that certificate talk to its routes over {@code wss} and {@code https}, and
 * clients that do not cannot connect.
 */
class TlsTest {

    private static TestCertificate certificate;
    private static EmbeddedServer server;
    private Recorder events;

    @BeforeAll
    static void start() throws Exception {
        certificate = TestCertificate.create(Path.of("target", "tls"), "tls-test");
        server = EmbeddedServer.builder().beanClasses(EchoRoute.class)
                .tls(certificate.keystore(), certificate.password()).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void nothingUnexpected() {
        if (events != null) {
            events.assertExhausted();
        }
    }

    @Test
    void theServersUrisAreHttpsAndWss() {
        assertEquals("https://127.0.0.1:" + server.port() + "/", server.uri().toString());
        assertEquals("wss://127.0.0.1:" + server.port() + "/echo", server.webSocketUri("/echo").toString());
    }

    @Test
    void aClientThatTrustsTheCertificateTalksOverWss() throws Exception {
        WebSocket ws = new WebSocket(server.webSocketUri("/echo").toString(), List.of(),
                ClientOptions.DEFAULT.sslContext(certificate.trustingClientContext()));
        events = new Recorder("client", ws, () -> { }, Timeouts.EVENT);

        assertEquals("open", events.next().event().type());
        ws.accept();
        ws.send("hello over TLS");
        events.expectText("echo: hello over TLS", OPEN);
        ws.close(4000, "bye");
        events.expectClose(4000, "bye", true, CLOSED);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsToConnect() {
        WebSocket ws = new WebSocket(server.webSocketUri("/echo").toString());
        events = new Recorder("client", ws, () -> { }, Timeouts.EVENT);

        assertEquals("error", events.next().event().type());
        events.expectClose(1006, Messages.CONNECT_FAILED_REASON, false, CLOSED);
    }

    @Test
    void aPlainHttpsRequestToTheRouteGets426() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(certificate.trustingClientContext()).build();
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(server.uri().resolve("/echo"))
                .timeout(Timeouts.EVENT).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(426, response.statusCode());
        assertEquals("Expected Upgrade: websocket", response.body());
    }

    @Test
    void anHttpsClientThatDoesNotTrustTheCertificateIsRefusedInTheHandshake() {
        HttpClient https = HttpClient.newHttpClient();
        assertThrows(SSLHandshakeException.class, () -> https.send(HttpRequest.newBuilder(server.uri().resolve("/echo"))
                .timeout(Timeouts.EVENT).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aWrongKeystorePasswordFailsTheStartNamingTheKeystore() {
        IOException failure = assertThrows(IOException.class, () -> EmbeddedServer.builder().beanClasses(EchoRoute.class)
                .tls(certificate.keystore(), "not the password".toCharArray()).start());
        assertTrue(failure.getMessage().startsWith("Cannot use the PKCS12 keystore " + certificate.keystore() + " for TLS: "),
                failure.getMessage());
    }
}
