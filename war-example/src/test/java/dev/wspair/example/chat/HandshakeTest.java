package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Given the chat's URL, when the request is not a good WebSocket handshake, then it is refused with a clear status. */
class HandshakeTest extends WithChatServer {

    @Test
    void aPlainGetIsAnswered426WithWhatToDo() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.uri().resolve("/chat/lobby?name=ada")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(426, plain.statusCode());
        assertEquals(ChatRoute.EXPECTED_UPGRADE, plain.body());
        assertEquals("websocket", plain.headers().firstValue("Upgrade").orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lobby", "lobby_1", "café", "a b", "<b>", "x23456789012345678901234567890123"})
    void aBadRoomNameIsRefusedWith400(String room) throws Exception {
        assertEquals(400, ChatClient.refusal(server, room, "ada"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>ada</b>", "ada<script>", "a&b", "\"ada\"", "ada!", "x23456789012345678901234567890123"})
    void aBadNameIsRefusedWith400(String name) throws Exception {
        assertEquals(400, ChatClient.refusal(server, "lobby", name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aMissingNameIsRefusedWith400(String name) throws Exception {
        assertEquals(400, ChatClient.refusal(server, "lobby", name));
    }

    @Test
    void aGoodRoomAndNameAreAccepted() throws Exception {
        ChatClient.join(server, "x2345678901234567890123456789012", "Zoë 2_b-c d234567890123456789012").leave();
    }

    @Test
    void aPageOfAnotherSiteIsRefusedWith403() throws Exception {
        assertEquals(403, ChatClient.refusal(server, "lobby", "ada", "https://evil.example"));
        assertEquals(403, ChatClient.refusal(server, "lobby", "ada", "http://127.0.0.1:1"));
    }
}
