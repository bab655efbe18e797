package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The chat page is served beside the route, with the ids a browser test drives. */
class StaticPageTest extends WithChatServer {

    /** HTTP/1.1, as a browser asks: the JDK's default HTTP/2 attempt adds "Upgrade: h2c". */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void thePageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        for (String id : new String[] {"room", "name", "join", "leave", "message", "send", "log", "status"}) {
            assertTrue(page.body().contains("id=\"" + id + "\""), "the page has #" + id);
        }
        assertEquals(page.body(), get("/index.html").body());
    }

    @Test
    void theScriptAndStyleAreServedAndTheScriptNeverWritesMarkup() throws Exception {
        HttpResponse<String> script = get("/chat.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("textContent"));
        assertFalse(script.body().contains("innerHTML"), "everything shown is text, never markup");
        assertEquals(200, get("/chat.css").statusCode());
    }

    @Test
    void theWarsPrivateFilesAreNotServed() throws Exception {
        assertEquals(404, get("/WEB-INF/web.xml").statusCode());
        assertEquals(404, get("/web-inf/web.xml").statusCode());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
