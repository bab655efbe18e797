package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.example.proxy.ProxyRoute;
import dev.wspair.it.app.BackendLog;
import dev.wspair.it.app.BackendRoute;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.JdkClient;
import dev.wspair.testkit.TcpRelay;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example's half-open proxy on each runtime: a client, the proxy route, and a backend reached
 * with the fetch-style upgrade through a TCP relay that the test can cut.
 */
@ExtendWith(ArquillianExtension.class)
class ProxyIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.of("proxied", ProxyRoute.class, BackendRoute.class, BackendLog.class);
    }

    @ArquillianResource
    URL deployment;

    private static final AtomicInteger IDS = new AtomicInteger();

    private TcpRelay relay;
    private JdkClient client;
    private String id;

    @BeforeEach
    void connect() throws Exception {
        relay = new TcpRelay(deployment.getPort());
        id = "p" + IDS.incrementAndGet();
        URI backend = Urls.ws(deployment, "backend");
        String viaRelay = "ws://127.0.0.1:" + relay.port() + backend.getRawPath() + "?id=" + id;
        client = new JdkClient(Urls.ws(deployment, "proxy?backend=" + URLEncoder.encode(viaRelay, StandardCharsets.UTF_8)));
    }

    @AfterEach
    void disconnect() throws Exception {
        relay.close();
    }

    @Test
    void messagesGoBothWays() throws Exception {
        client.send("hi");
        assertEquals("backend: hi", client.next());
        client.send("again");
        assertEquals("backend: again", client.next());
        client.close(1000, "");
    }

    @Test
    void aCloseFromTheClientReachesTheBackendWithItsCodeAndTheAnswerComesBack() throws Exception {
        assertEquals("4000 bye", client.close(4000, "bye"));
        assertEquals("backend closed 4000 bye", backendLog());
    }

    @Test
    void aCloseFromTheBackendReachesTheClientWithItsCode() throws Exception {
        client.send("close 4001 backend-done");
        assertEquals("4001 backend-done", client.closed.get(20, TimeUnit.SECONDS));
        // the JDK client answers with the code and no reason, and the proxy passes that answer on: the
        // backend reports it, as workerd
        assertEquals("backend closed 4001 ", backendLog());
    }

    @Test
    void aLostBackendClosesTheClientWith1011() throws Exception {
        client.send("hi");
        assertEquals("backend: hi", client.next());
        relay.cut();
        assertEquals("1011 The other side's connection was lost", client.closed.get(20, TimeUnit.SECONDS));
    }

    private String backendLog() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(Urls.http(deployment, "backend-log?id=" + id)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
