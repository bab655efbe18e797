package dev.wspair.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter found through META-INF/services, deploying a WAR's route and web resource on 127.0.0.1. */
@ExtendWith(ArquillianExtension.class)
class EmbeddedContainerTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "adapter.war")
                .addClasses(Shout.class)
                .addAsWebResource(new StringAsset("<p>static</p>"), "page.html");
    }

    @ArquillianResource
    URL deployment;

    @Test
    void theDeploymentIsAtTheRootOfTheLoopbackAddress() {
        assertEquals("127.0.0.1", deployment.getHost());
        assertEquals("/", deployment.getPath());
    }

    @Test
    void theArchivesWebResourcesAreServed() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(deployment.toURI().resolve("page.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("<p>static</p>", response.body());
    }

    @Test
    void theArchivesRouteIsABeanThatAnswers() throws Exception {
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(deployment.toURI().resolve("shout")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, plain.statusCode());

        CompletableFuture<String> answer = new CompletableFuture<>();
        java.net.http.WebSocket socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + deployment.getPort() + "/shout"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                        answer.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("hi", true).get(10, TimeUnit.SECONDS);
        assertEquals("HI", answer.get(10, TimeUnit.SECONDS));
        socket.abort();
    }

    /** {@code /shout}: answers each text in upper case. */
    @Route("/shout")
    @ApplicationScoped
    public static class Shout implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            if (!request.isWebSocketUpgrade()) {
                return new Response("Expected Upgrade: websocket", 426);
            }
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> server.send(event.text().toUpperCase(Locale.ROOT)));
            return Response.webSocket(pair.client());
        }
    }
}
