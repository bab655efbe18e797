package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.app.FaultRoute;
import dev.wspair.it.app.GatedRoute;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.RawClient;
import java.io.EOFException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits of the README's "Limits and failure behaviour", set in the WAR's web.xml, with the
 * same outcome on every runtime: message size (1009), send buffer (1008), idle timeout (1001),
 * allowed origins (403) and a route's connection maximum (503).
 */
@ExtendWith(ArquillianExtension.class)
class LimitsIT {

    static final int MAX_MESSAGE = 65_536;
    static final int SEND_BUFFER = 1 << 20;
    private static final AtomicInteger IDS = new AtomicInteger();

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.of("limits", FaultRoute.class, GatedRoute.class).setWebXML(new StringAsset(
                "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                        + param("wspair.maxMessageSize", Integer.toString(MAX_MESSAGE))
                        + param("wspair.sendBufferLimit", Integer.toString(SEND_BUFFER))
                        + param("wspair.idleTimeout", "PT3S")
                        + "</web-app>"));
    }

    private static String param(String name, String value) {
        return "<context-param><param-name>" + name + "</param-name><param-value>" + value + "</param-value></context-param>";
    }

    @ArquillianResource
    URL deployment;

    @Test
    void aMessageOverTheLimitGets1009AndTheSocketAnErrorEvent() throws Exception {
        String id = "big-" + IDS.incrementAndGet();
        try (RawClient client = connect("fault?id=" + id, "")) {
            client.send(0x82, new byte[MAX_MESSAGE]);
            assertEquals("binary", client.next().text());
            client.send(0x82, new byte[MAX_MESSAGE + 1]);
            RawClient.Received close = client.next();
            String description = "Message is too large: " + (MAX_MESSAGE + 1) + " > " + MAX_MESSAGE;
            assertEquals(1009, close.code());
            assertEquals(description, close.reason());
            assertEquals("error Uncaught Error: WebSocket protocol error; protocolError.statusCode = 1009; "
                    + "protocolError.description = " + description, ending(id));
        }
    }

    @Test
    void aPeerThatStopsReadingIsCutOffAfterTheDataWrittenAndTheSocketGetsAnErrorEvent() throws Exception {
        String id = "flood-" + IDS.incrementAndGet();
        try (RawClient client = connect("fault?id=" + id, "")) {
            client.sendText("flood");
            String ending = ending(id);
            assertTrue(ending.startsWith("error Uncaught Error: The send buffer is full: "), ending);
            assertTrue(ending.endsWith("the limit is " + SEND_BUFFER + " bytes (wspair.sendBufferLimit)"), ending);
            long received = 0;
            RawClient.Received frame;
            try {
                while (!(frame = client.next()).isClose()) {
                    received += frame.payload().length;
                }
            } catch (EOFException e) {
                frame = null;
            }
            if (Runtime.current().dropsCloseBehindUnreadData()) {
                assertNull(frame, "Payara sent a Close after the unread data");
            } else {
                assertNotNull(frame, "the connection ended without a Close frame");
                assertEquals(1008, frame.code());
                assertEquals("send buffer limit exceeded", frame.reason());
            }
            // what the container had written to the socket's buffers before the limit fired arrives; the rest was dropped
            assertTrue(received < FaultRoute.FLOOD_BYTES, received + " bytes arrived");
        }
    }

    @Test
    void anIdleConnectionIsClosedWith1001() throws Exception {
        String id = "idle-" + IDS.incrementAndGet();
        try (RawClient client = connect("fault?id=" + id, "")) {
            RawClient.Received close = client.next();
            assertEquals(1001, close.code());
            assertEquals("idle timeout", close.reason());
            // as after any Close of its own, the socket reports the peer's answer
            client.sendClose(1001, "idle timeout");
            assertEquals("close 1001 true", ending(id));
        }
    }

    @Test
    void anOriginNotAllowedGets403() throws Exception {
        try (RawClient refused = raw("gated", "Origin: https://evil.example\r\n")) {
            assertEquals("HTTP/1.1 403", refused.handshakeStatus.substring(0, 12));
        }
        try (RawClient allowed = raw("gated", "Origin: https://app.example\r\n")) {
            assertEquals("HTTP/1.1 101", allowed.handshakeStatus.substring(0, 12));
        }
    }

    @Test
    void overTheRoutesMaximumAnUpgradeGets503() throws Exception {
        try (RawClient first = connect("gated", "")) {
            try (RawClient second = raw("gated", "")) {
                assertEquals("HTTP/1.1 503", second.handshakeStatus.substring(0, 12));
            }
            first.sendClose(1000, "");
            assertEquals(1000, first.next().code());
        }
    }

    private RawClient connect(String relative, String headers) throws Exception {
        RawClient client = raw(relative, headers);
        assertEquals("HTTP/1.1 101", client.handshakeStatus.substring(0, 12));
        return client;
    }

    private RawClient raw(String relative, String headers) throws Exception {
        URI uri = Urls.ws(deployment, relative);
        return new RawClient(uri.getPort(), uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                headers);
    }

    private String ending(String id) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(Urls.http(deployment, "fault?id=" + id)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
    }
}
