package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Given a room with members, when someone joins or leaves, then everyone left in the room hears it. */
class JoinAndLeaveTest extends WithChatServer {

    @Test
    void everyoneInTheRoomHearsWhoJoins() throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        ChatClient carol = ChatClient.join(server, room, "Carol Lee-Ann_2");
        ada.expectJoined("Carol Lee-Ann_2");
        bob.expectJoined("Carol Lee-Ann_2");
    }

    @Test
    void aMemberWhoClosesIsAnnouncedAsQuit() throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        assertEquals("1000 bye", bob.leave(), "the server answers the Close with the same code and reason");
        ada.expectQuit("bob");

        ada.say("alone now");
        ada.expectSaid("ada", "alone now");
    }

    @Test
    void aMemberWhoseConnectionIsLostIsAnnouncedAsQuit() throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        bob.drop();
        ada.expectQuit("bob");

        ChatClient carol = ChatClient.join(server, room, "carol");
        ada.expectJoined("carol");
        ada.say("hi carol");
        ada.expectSaid("ada", "hi carol");
        carol.expectSaid("ada", "hi carol");
    }
}
