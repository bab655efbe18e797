package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.Request;
import dev.wspair.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The route's answers to requests it refuses, as a plain Java call: no server, no CDI. */
class ChatRouteTest {

    private final ChatRoute route = new ChatRoute();

    @Test
    void withoutUpgradeItAnswers426() throws Exception {
        Response answer = route.fetch(request("/chat/lobby?name=ada", Map.of(), "lobby"));
        assertEquals(426, answer.status());
        assertEquals(ChatRoute.EXPECTED_UPGRADE, answer.body());
        assertEquals(Map.of("Upgrade", "websocket"), answer.headers());
    }

    @Test
    void aBadRoomIsAnswered400WithTheRule() throws Exception {
        Response answer = route.fetch(upgrade("/chat/Lobby?name=ada", "Lobby"));
        assertEquals(400, answer.status());
        assertEquals(ChatRoute.BAD_ROOM, answer.body());
    }

    @Test
    void aNameWithMarkupIsAnswered400WithTheRule() throws Exception {
        Response answer = route.fetch(upgrade("/chat/lobby?name=%3Cb%3Eada%3C%2Fb%3E", "lobby"));
        assertEquals(400, answer.status());
        assertEquals(ChatRoute.BAD_NAME, answer.body());
    }

    @Test
    void aMissingNameIsAnswered400() throws Exception {
        Response answer = route.fetch(upgrade("/chat/lobby", "lobby"));
        assertEquals(400, answer.status());
        assertEquals(ChatRoute.MISSING_NAME, answer.body());
    }

    private static Request upgrade(String url, String room) {
        return request(url, Map.of("Upgrade", List.of("websocket")), room);
    }

    private static Request request(String url, Map<String, List<String>> headers, String room) {
        return new Request("GET", URI.create("http://127.0.0.1" + url), headers, Map.of("room", room), null);
    }
}
