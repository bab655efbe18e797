package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Given a room with a past, when someone joins, then they get its last 50 messages first. */
class HistoryTest extends WithChatServer {

    @Test
    void aNewcomerGetsTheLast50MessagesInOrderThenItsJoinNotice() throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        for (int i = 1; i <= 60; i++) {
            ada.say("message " + i);
            ada.expectSaid("ada", "message " + i);
        }

        ChatClient bob = ChatClient.connect(server, room, "bob");
        long previous = 0;
        for (int i = 11; i <= 60; i++) {
            long timestamp = bob.expectSaid("ada", "message " + i);
            assertTrue(timestamp > previous, "timestamps increase");
            previous = timestamp;
        }
        bob.expectJoined("bob");
        ada.expectJoined("bob");

        ada.say("welcome");
        bob.expectSaid("ada", "welcome");
        ada.expectSaid("ada", "welcome");
    }

    @Test
    void theHistoryGoesWithTheLastMember() throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ada.say("anyone?");
        ada.expectSaid("ada", "anyone?");
        ada.leave();

        ChatClient bob = ChatClient.connect(server, room, "bob");
        bob.expectJoined("bob");
    }
}
