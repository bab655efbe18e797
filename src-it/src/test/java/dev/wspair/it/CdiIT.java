package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wspair.it.app.CdiLogRoute;
import dev.wspair.it.app.CdiObservers;
import dev.wspair.it.app.CdiRoute;
import dev.wspair.it.app.PerDelivery;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.JdkClient;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CDI on each runtime: injected pairs, route-qualified sync observers after the listeners and async ones, a request context per delivery. */
@ExtendWith(ArquillianExtension.class)
class CdiIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.of("cdi", CdiRoute.class, CdiObservers.class, CdiLogRoute.class, PerDelivery.class);
    }

    @ArquillianResource
    URL deployment;

    @Test
    void observersOfTheRouteSeeItsEventsSeriallyAfterTheListenerInTheSameRequestContext() throws Exception {
        JdkClient client = new JdkClient(Urls.ws(deployment, "cdi/lobby"));
        client.send("a");
        String first = client.next();
        client.send("b");
        String second = client.next();
        assertNotEquals(first, second, "each delivery has its own request context");
        assertEquals("4000 bye", client.close(4000, "bye"));

        String log = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(Urls.http(deployment, "cdi-log?count=7")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> seen = List.of(log.split("\n"));
        List<String> async = seen.stream().filter(entry -> entry.startsWith("async ")).toList();
        List<String> serial = seen.stream().filter(entry -> !entry.startsWith("async ")).toList();
        assertEquals(List.of("listener a", "sync a scope=" + first, "listener b", "sync b scope=" + second, "close 4000"), serial,
                "the sync observers run after the listener, one event at a time, in its request context");
        assertEquals(Set.of("async a", "async b"), Set.copyOf(async), "the async observers run once per message, in any order");
    }
}
