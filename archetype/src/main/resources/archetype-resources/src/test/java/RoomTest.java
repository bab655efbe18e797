package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application deployed by Arquillian, talked to with the JDK's HTTP and WebSocket clients.
 * With wspair-arquillian-embedded on the test class path it runs on the embedded runtime
 * (127.0.0.1, a free port); with WildFly's or Payara's Arquillian adapter instead, the same test
 * runs on that server (see README.md).
 */
@ExtendWith(ArquillianExtension.class)
class RoomTest {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The route and the object, the WAR's beans.xml, and wspair's jars for a server (the embedded runtime takes them from the class path). */
    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "${artifactId}.war")
                .addClasses(RoomRoute.class, Room.class)
                .addAsWebInfResource(new File("src/main/webapp/WEB-INF/beans.xml"), "beans.xml")
                .addAsLibraries(jarOf(dev.wspair.WebSocket.class), jarOf(dev.wspair.embedded.EmbeddedServer.class));
    }

    /** The deployment's base URL, ending in "/". */
    @ArquillianResource
    URL deployment;

    @Test
    void aRequestWithoutUpgradeGets426() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(deployment.toURI().resolve("rooms/lobby")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, response.statusCode());
        assertEquals("Expected Upgrade: websocket", response.body());
    }

    @Test
    void aMessageReachesEveryoneInTheRoomAndACloseIsAnswered() throws Exception {
        Client alice = new Client("rooms/lobby");
        Client bob = new Client("rooms/lobby");
        alice.send("hello");
        assertEquals("hello", alice.next());
        assertEquals("hello", bob.next());

        assertEquals("1000 bye", alice.close(1000, "bye"));
        bob.send("still here");
        assertEquals("still here", bob.next());
        assertEquals("4000 done", bob.close(4000, "done"));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client socket whose messages and Close wait in queues. */
    final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        /** Connects to a path relative to the deployment: ws:// for http://, wss:// for https://. */
        Client(String path) throws Exception {
            URI uri = URI.create(deployment.toString().replaceFirst("^http", "ws")).resolve(path);
            socket = HTTP.newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 10 s");
            return message;
        }

        /** Sends a Close and returns "code reason" of the Close that answers it. */
        String close(int code, String reason) throws Exception {
            socket.sendClose(code, reason).get(10, TimeUnit.SECONDS);
            return closed.get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
