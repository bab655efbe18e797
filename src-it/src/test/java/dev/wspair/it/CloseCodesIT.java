package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.RawClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Close codes and half-open as a raw client sees them on the wire, driven through the conformance
 * peer, with each container's forced behaviour asserted explicitly (README: "Differences from
 * workerd").
 */
@ExtendWith(ArquillianExtension.class)
class CloseCodesIT {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Runtime RUNTIME = Runtime.current();

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.peer("peer");
    }

    @ArquillianResource
    URL deployment;

    private RawClient connect(String options) throws Exception {
        URI uri = Urls.ws(deployment, "peer?id=close-" + IDS.incrementAndGet() + options);
        RawClient client = new RawClient(uri.getPort(), uri.getRawPath() + "?" + uri.getRawQuery());
        assertEquals("HTTP/1.1 101", client.handshakeStatus.substring(0, 12));
        return client;
    }

    @Test
    void aClientCloseIsEchoedWithItsCodeAndReasonEverywhere() throws Exception {
        try (RawClient client = connect("")) {
            client.sendClose(4000, "x");
            RawClient.Received echo = client.next();
            assertEquals(4000, echo.code());
            assertEquals("x", echo.reason());
        }
    }

    @Test
    void halfOpenDefersTheAnswerUntilTheApplicationCloses() throws Exception {
        try (RawClient client = connect("&halfOpen=1&onClose=closeLater")) {
            client.sendClose(4000, "x");
            RawClient.Received answer = client.next();
            assertEquals(4000, answer.code());
            assertEquals("done", answer.reason(), "the application's close() 50 ms later, as in workerd");
        }
    }

    @Test
    void aHalfOpenServerStillReachesThePeer() throws Exception {
        try (RawClient client = connect("&halfOpen=1&onClose=send")) {
            client.sendClose(4000, "x");
            assertEquals("late", client.next().text());
        }
    }

    @Test
    void aServerCloseWithCodeAndReasonArrivesAsSent() throws Exception {
        try (RawClient client = connect("")) {
            client.sendText("{\"op\":\"close\",\"code\":4001,\"reason\":\"r\"}");
            RawClient.Received close = client.next();
            assertEquals(4001, close.code());
            assertEquals("r", close.reason());
        }
    }

    @Test
    void aServerCloseWithoutCodeHasAnEmptyBodyEverywhereAsWorkerd() throws Exception {
        try (RawClient client = connect("")) {
            client.sendText("{\"op\":\"close\"}");
            RawClient.Received close = client.next();
            assertEquals(-1, close.code(), "an empty body");
        }
    }

    @Test
    void anEmptyClientCloseIsReportedAs1005AndEchoedEmptyAsWorkerd() throws Exception {
        String id = "close-empty-" + IDS.incrementAndGet();
        URI uri = Urls.ws(deployment, "peer?id=" + id);
        try (RawClient client = new RawClient(uri.getPort(), uri.getRawPath() + "?" + uri.getRawQuery())) {
            client.send(0x88, new byte[0]);
            RawClient.Received echo = client.next();
            assertTrue(echo.isClose(), echo.toString());
            assertEquals(-1, echo.code(), "an empty body");
        }
        String log = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Urls.http(deployment, "log?id=" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(log.contains("\"code\":1005,\"reason\":\"\",\"wasClean\":true"), log);
    }

    @Test
    void thePeersLogShowsTheCloseEventWithWorkerdsReadyState() throws Exception {
        String id = "close-log-" + IDS.incrementAndGet();
        URI uri = Urls.ws(deployment, "peer?id=" + id + "&halfOpen=1&onClose=close");
        try (RawClient client = new RawClient(uri.getPort(), uri.getRawPath() + "?" + uri.getRawQuery())) {
            client.sendClose(4000, "x");
            client.next();
        }
        String log = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Urls.http(deployment, "log?id=" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(log.contains("{\"event\":\"close\",\"readyState\":2,\"code\":4000,\"reason\":\"x\",\"wasClean\":true}"), log);
        assertTrue(log.contains("{\"op\":\"onClose\",\"call\":\"close\",\"readyStateBefore\":2,\"readyStateAfter\":3,\"ok\":true}"), log);
    }
}
