package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wspair.it.support.Browser;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.testkit.JdkClient;
import java.io.File;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The example chat WAR, unchanged, on each runtime: several JDK clients, and two people in Chromium. */
@ExtendWith(ArquillianExtension.class)
class ChatIT {

    @Deployment(testable = false)
    static WebArchive war() {
        File war = new File(System.getProperty("example.war", "../war-example/target/chat.war"));
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    @ArquillianResource
    URL deployment;

    private JdkClient join(String room, String name) throws Exception {
        return new JdkClient(Urls.ws(deployment, "chat/" + room + "?name=" + name));
    }

    @Test
    void peopleInARoomSeeJoinsMessagesHistoryAndLeaves() throws Exception {
        JdkClient ada = join("it-room", "ada");
        assertEquals("{\"joined\":\"ada\"}", ada.next());
        ada.send("{\"message\":\"first\"}");
        assertTrue(ada.next().contains("\"message\":\"first\""));

        JdkClient bob = join("it-room", "bob");
        assertTrue(bob.next().contains("\"message\":\"first\""), "history first");
        assertEquals("{\"joined\":\"bob\"}", bob.next());
        assertEquals("{\"joined\":\"bob\"}", ada.next());

        bob.send("{\"message\":\"hi ada\"}");
        assertTrue(ada.next().contains("\"name\":\"bob\",\"message\":\"hi ada\""));
        assertTrue(bob.next().contains("\"message\":\"hi ada\""));

        JdkClient elsewhere = join("other-room", "carl");
        assertEquals("{\"joined\":\"carl\"}", elsewhere.next());
        assertEquals("1000 ", bob.close(1000, ""));
        assertEquals("{\"quit\":\"bob\"}", ada.next());
        assertTrue(elsewhere.texts.isEmpty(), "nothing of it-room reached other-room: " + elsewhere.texts);
    }

    @Test
    void badInputGetsAClearAnswerAndTheRoomGoesOn() throws Exception {
        JdkClient ada = join("it-bad", "ada");
        assertEquals("{\"joined\":\"ada\"}", ada.next());
        ada.send("{\"message\":\"" + "x".repeat(1001) + "\"}");
        assertTrue(ada.next().startsWith("{\"error\":"), "an error to the sender");
        ada.send("{\"message\":\"still here\"}");
        assertTrue(ada.next().contains("still here"));

        assertEquals(400, handshakeStatus("chat/it-bad?name=%3Cb%3Eeve%3C%2Fb%3E"), "a name with markup");
        assertEquals(400, handshakeStatus("chat/Not_A_Room?name=eve"), "an invalid room name");
        HttpResponse<String> plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(Urls.http(deployment, "chat/it-bad?name=eve")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, plain.statusCode());
    }

    /** Without {@code wspair.cluster.members} the WAR is a node alone: no link route, nothing of Hazelcast (not in the WAR). */
    @Test
    void aWarWithoutClusterSettingsServesNoLinkRoute() throws Exception {
        HttpResponse<String> link = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(Urls.http(deployment, "_wspair/link")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, link.statusCode());
    }

    @Test
    void twoPeopleChatInChromium() throws Exception {
        assumeTrue(Browser.available() || "true".equals(System.getenv("CI")),
                "Chromium is not installed here (.ci/run installs Debian's chromium)");
        Path screenshot = Path.of(System.getProperty("it.screenshots", "target/screenshots"),
                "chat-" + Runtime.current().name().toLowerCase() + ".png");
        String output = Browser.run("chat-page.mjs", Urls.http(deployment, ""), screenshot);
        assertTrue(output.contains("chat page OK"), output);
        assertTrue(Files.size(screenshot) > 0);
    }

    private int handshakeStatus(String path) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder()
                        .buildAsync(Urls.ws(deployment, path), new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, failed.getCause()).getResponse().statusCode();
    }
}
