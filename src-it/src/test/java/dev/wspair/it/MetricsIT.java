package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.engine.Timeouts;
import dev.wspair.it.app.ApplicationMeters;
import dev.wspair.it.app.CountedObject;
import dev.wspair.it.app.EchoRoute;
import dev.wspair.it.app.MetersRoute;
import dev.wspair.it.app.ObjectRoute;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.JdkClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * wspair's Micrometer meters in a deployed application: the WAR brings Micrometer and a
 * {@code MeterRegistry} bean, a scripted session runs against its echo route, and {@code /meters}
 * (a route reading that bean) shows what was counted, on each runtime. The Durable Object's
 * gauges come from a second route; its object never hibernates here ({@code hibernateAfter} is long).
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final String ECHO = "{route=/echo/{who}}";
    private static final String OBJECT = "{namespace=" + CountedObject.class.getName() + "}";

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.withContextParams(Wars.withMicrometer(Wars.of("metrics", EchoRoute.class, MetersRoute.class,
                ApplicationMeters.class, ObjectRoute.class, CountedObject.class)), "wspair.objects.hibernateAfter", "P3650D");
    }

    @ArquillianResource
    URL deployment;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aSessionIsCountedPerDirectionAndCloseCodeClass() throws Exception {
        assertEquals(Map.of(), echoMeters(), "a route's meters are made on its first connection");

        JdkClient a = new JdkClient(Urls.ws(deployment, "echo/a"));
        a.send("hello");
        assertEquals("a: hello", a.next());
        a.send("héllo");
        assertEquals("a: héllo", a.next());
        JdkClient b = new JdkClient(Urls.ws(deployment, "echo/b"));
        b.send("x");
        assertEquals("b: x", b.next());
        Map<String, Double> open = echoMeters();
        assertEquals(2.0, open.get("wspair.connections.active" + ECHO), open::toString);
        assertEquals(2.0, open.get("wspair.connections.opened" + ECHO), open::toString);

        assertEquals("1000 done", a.close(1000, "done"));
        assertEquals("4000 bye", b.close(4000, "bye"));
        // a close is counted once the server's close event ran, which may be after the client has the echo
        Timeouts.until("both closes are counted", () -> echoMeters().keySet().containsAll(List.of(
                "wspair.connections.closed{code.class=1xxx,route=/echo/{who}}",
                "wspair.connections.closed{code.class=4xxx,route=/echo/{who}}")));

        Map<String, Double> expected = new TreeMap<>();
        expected.put("wspair.connections.opened" + ECHO, 2.0);
        expected.put("wspair.connections.active" + ECHO, 0.0);
        expected.put("wspair.connections.closed{code.class=1xxx,route=/echo/{who}}", 1.0);
        expected.put("wspair.connections.closed{code.class=4xxx,route=/echo/{who}}", 1.0);
        expected.put("wspair.messages{direction=in,route=/echo/{who}}", 3.0);
        expected.put("wspair.messages{direction=out,route=/echo/{who}}", 3.0);
        expected.put("wspair.messages.payload{direction=in,route=/echo/{who}}", 5.0 + 6 + 1);   // hello, héllo (UTF-8), x
        expected.put("wspair.messages.payload{direction=out,route=/echo/{who}}", 8.0 + 9 + 4);  // a: hello, a: héllo, b: x
        expected.put("wspair.send.buffer" + ECHO, 0.0);
        assertEquals(expected, echoMeters(), "no error meter, nothing else counted");
    }

    @Test
    void aDurableObjectAndItsSocketAreCounted() throws Exception {
        JdkClient client = new JdkClient(Urls.ws(deployment, "object/counted"));
        client.send("hi");
        assertEquals("object: hi", client.next());
        Map<String, Double> open = objectMeters();
        assertEquals(Map.of("wspair.objects.active" + OBJECT, 1.0, "wspair.objects.hibernated" + OBJECT, 0.0,
                "wspair.objects.sockets" + OBJECT, 1.0), open);

        // the Close the client gets back: the object's ("done"), or the container's echo ("bye", Undertow)
        String closed = client.close(1000, "bye");
        assertTrue(closed.startsWith("1000 "), closed);
        // a socket is unlisted once the object's close handler returned, which may be after the client has the echo
        Timeouts.until("the socket is gone", () -> objectMeters().get("wspair.objects.sockets" + OBJECT) == 0.0);
        assertEquals(Map.of("wspair.objects.active" + OBJECT, 1.0, "wspair.objects.hibernated" + OBJECT, 0.0,
                "wspair.objects.sockets" + OBJECT, 0.0), objectMeters(), "awake (for its close handler), no socket");
    }

    /** The meters of the echo route's test: neither the object's gauges nor the object route's meters. */
    private Map<String, Double> echoMeters() {
        Map<String, Double> meters = meters();
        meters.keySet().removeIf(name -> name.startsWith("wspair.objects.") || name.contains("route=/object/"));
        return meters;
    }

    private Map<String, Double> objectMeters() {
        Map<String, Double> meters = meters();
        meters.keySet().removeIf(name -> !name.startsWith("wspair.objects."));
        return meters;
    }

    /** What {@code /meters} lists: {@code name{tags}} to value. */
    private Map<String, Double> meters() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(Urls.http(deployment, "meters")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response::body);
            Map<String, Double> meters = new TreeMap<>();
            for (String line : response.body().split("\n")) {
                if (!line.isEmpty()) {
                    int space = line.lastIndexOf(' ');
                    meters.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
                }
            }
            return meters;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
