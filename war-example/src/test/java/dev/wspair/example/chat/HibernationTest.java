package dev.wspair.example.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.DurableObjectId;
import dev.wspair.DurableObjectNamespace;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.objects.ObjectRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Given a room whose instance the runtime dropped (hibernation: here after no idle time at all,
 * the test asking for it), when its members go on, then a new instance knows each socket's member by
 * its attachment; the history, a field of the instance, is gone (hence the example's 30 minutes).
 */
class HibernationTest {

    static EmbeddedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = WithChatServer.chatServer("PT0S");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aNewInstanceKnowsEachMemberByItsSocketsAttachment() throws Exception {
        String room = WithChatServer.newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        hibernate(room);
        bob.say("still bob?");
        ada.expectSaid("bob", "still bob?");
        bob.expectSaid("bob", "still bob?");

        hibernate(room);
        assertEquals("1000 bye", ada.leave(), "a new instance answers the Close too");
        bob.expectQuit("ada");
    }

    @Test
    void aLostConnectionAfterHibernationIsAnnouncedWithTheMembersName() throws Exception {
        String room = WithChatServer.newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ChatClient bob = ChatClient.join(server, room, "bob");
        ada.expectJoined("bob");

        hibernate(room);
        bob.drop();
        ada.expectQuit("bob");
    }

    @Test
    void theHistoryDoesNotSurviveANewInstance() throws Exception {
        String room = WithChatServer.newRoom();
        ChatClient ada = ChatClient.join(server, room, "ada");
        ada.say("said before");
        ada.expectSaid("ada", "said before");

        hibernate(room);
        ChatClient carol = ChatClient.connect(server, room, "carol");
        carol.expectJoined("carol");   // and no "said before" first
        ada.expectJoined("carol");
    }

    @Test
    void theWarSetsTheHibernationDelayTheOtherTestsUse() throws Exception {
        String webXml = Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml"));
        assertTrue(webXml.replaceAll("\\s+", "").contains("<param-name>wspair.objects.hibernateAfter</param-name>"
                + "<param-value>" + WithChatServer.HIBERNATE_AFTER + "</param-value>"), webXml);
        assertEquals(Duration.ofMinutes(30), Duration.parse(WithChatServer.HIBERNATE_AFTER));
    }

    /** Drops the room's instance once it ran its last call (its sockets stay connected). */
    private static void hibernate(String room) throws Exception {
        ObjectRegistry objects = server.runtime().objects();
        DurableObjectId id = server.call(() -> DurableObjectNamespace.of(ChatRoom.class).idFromName(room));
        long deadline = System.nanoTime() + Timeouts.EVENT.toNanos();
        while (true) {
            objects.hibernateIdle();
            if (!objects.awake(ChatRoom.class, id)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("room " + room + " never went idle");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));   // polls a condition; nothing depends on the delay
        }
    }
}
