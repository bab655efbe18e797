package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wspair.it.app.EchoRoute;
import dev.wspair.it.app.HelperServlet;
import dev.wspair.it.support.NodeClient;
import dev.wspair.it.support.Runtime;
import dev.wspair.testkit.JdkClient;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Workers-style route and the servlet helper, on each runtime. */
@ExtendWith(ArquillianExtension.class)
class RoutesIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.of("routes", EchoRoute.class, HelperServlet.class);
    }

    @ArquillianResource
    URL deployment;

    @Test
    void aPlainRequestGets426FromTheRoute() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(Urls.http(deployment, "echo/plain")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, response.statusCode());
        assertEquals("Expected Upgrade: websocket", response.body());
    }

    @Test
    void theRouteEchoesWithItsPathParameterAndAnswersTheClientsClose() throws Exception {
        JdkClient client = new JdkClient(Urls.ws(deployment, "echo/ana"));
        client.send("hi");
        assertEquals("ana: hi", client.next());
        assertEquals("4000 bye", client.close(4000, "bye"));
    }

    @Test
    void nodesWsClientTalksToTheRoute() throws Exception {
        String seen = NodeClient.run("ws-echo-client.mjs", Urls.ws(deployment, "echo/node"));
        assertEquals("{\"received\":[\"node: from node\"],\"closeCode\":4000,\"closeReason\":\"node-bye\"}", seen);
    }

    @Test
    void anApplicationServletUpgradesWithOneCall() throws Exception {
        assumeTrue(Runtime.current().hasServlets(), "the embedded runtime has no servlet container");
        JdkClient client = new JdkClient(Urls.ws(deployment, "helper"));
        client.send("x");
        assertEquals("helper: x", client.next());
        assertEquals("1000 ", client.close(1000, ""));
    }
}
