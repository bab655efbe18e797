package dev.wspair.example.chat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Given a room, when a member sends something wrong, then only that member hears of it and the room goes on. */
class BadInputTest extends WithChatServer {

    @Test
    void anOverLongMessageIsRefusedToItsSenderAloneWhileTheOthersChatOn() throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        ada.say("x".repeat(Protocol.MAX_MESSAGE_LENGTH + 1));
        ada.expectError(Protocol.TOO_LONG);

        bob.say("still here");
        bob.expectSaid("bob", "still here");   // nothing of ada's message came before
        ada.expectSaid("bob", "still here");

        ada.say("x".repeat(Protocol.MAX_MESSAGE_LENGTH));
        ada.expectSaid("ada", "x".repeat(Protocol.MAX_MESSAGE_LENGTH));
        bob.expectSaid("ada", "x".repeat(Protocol.MAX_MESSAGE_LENGTH));
    }

    @Test
    void aTextTooLongToReadIsRefused() throws Exception {
        ChatClient ada = ChatClient.join(server, newRoom(), "ada");
        ada.send("{\"message\": \"" + "\\u0041".repeat(2000) + "\"}");
        ada.expectError(Protocol.TOO_LONG);
        ada.say("ok");
        ada.expectSaid("ada", "ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "", "{", "[\"message\"]", "{}", "{\"message\": 42}", "{\"message\": null}",
        "{\"text\": \"hi\"}", "{\"message\": \"hi\"} {\"message\": \"again\"}"})
    void textThatIsNotAChatMessageIsAnsweredWithAnError(String text) throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        ada.send(text);
        ada.expectError(Protocol.NOT_A_MESSAGE);

        ada.say("sorry");
        ada.expectSaid("ada", "sorry");
        bob.expectSaid("ada", "sorry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void anEmptyMessageIsAnsweredWithAnError(String message) throws Exception {
        ChatClient ada = ChatClient.join(server, newRoom(), "ada");
        ada.say(message);
        ada.expectError(Protocol.EMPTY);
    }

    @Test
    void aBinaryMessageIsAnsweredWithAnError() throws Exception {
        ChatClient ada = ChatClient.join(server, newRoom(), "ada");
        ada.sendBinary("{\"message\": \"hi\"}".getBytes(StandardCharsets.UTF_8));
        ada.expectError(Protocol.BINARY);
        ada.say("hi");
        ada.expectSaid("ada", "hi");
    }
}
