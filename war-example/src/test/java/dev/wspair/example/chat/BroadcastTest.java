package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Given members in two rooms, when one speaks, then everyone in that room hears it, and no one else. */
class BroadcastTest extends WithChatServer {

    @Test
    void aMessageReachesEveryoneInTheRoomAndNoOneElse() throws Exception {
        String room = newRoom();
        String otherRoom = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");
        ChatClient carol = ChatClient.join(server, otherRoom, "carol");

        ada.say("hello <b>everyone</b> & \"friends\"");
        long atAda = ada.expectSaid("ada", "hello <b>everyone</b> & \"friends\"");
        long atBob = bob.expectSaid("ada", "hello <b>everyone</b> & \"friends\"");
        assertEquals(atAda, atBob, "one message, one timestamp");

        carol.say("anyone here?");
        carol.expectSaid("carol", "anyone here?");   // and nothing of the other room before it
        bob.say("yes");
        ada.expectSaid("bob", "yes");
        bob.expectSaid("bob", "yes");
    }

    @Test
    void everyoneHearsTheRoomInTheSameOrder() throws Exception {
        String room = newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        CompletableFuture<Void> adaTalks = CompletableFuture.runAsync(() -> talk(ada, 30));
        CompletableFuture<Void> bobTalks = CompletableFuture.runAsync(() -> talk(bob, 30));
        adaTalks.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        bobTalks.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);

        List<JsonObject> heardByAda = new ArrayList<>();
        List<JsonObject> heardByBob = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            heardByAda.add(ada.next());
            heardByBob.add(bob.next());
        }
        assertEquals(heardByAda, heardByBob);
    }

    private static void talk(ChatClient client, int messages) {
        try {
            for (int i = 0; i < messages; i++) {
                client.say(client.name + " " + i);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
