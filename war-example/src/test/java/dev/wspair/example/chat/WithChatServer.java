package dev.wspair.example.chat;

import dev.wspair.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For test classes that talk to the chat: it runs on the embedded runtime, on 127.0.0.1 and a free
 * port, with the page of src/main/webapp, from before the class's first test to after its last.
 */
abstract class WithChatServer {

    /** The example's {@code wspair.objects.hibernateAfter}, as in src/main/webapp/WEB-INF/web.xml. */
    static final String HIBERNATE_AFTER = "PT30M";

    private static final AtomicInteger ROOMS = new AtomicInteger();

    static EmbeddedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = chatServer(HIBERNATE_AFTER);
    }

    /** The chat, its rooms dropping their instances after {@code hibernateAfter} of silence. */
    static EmbeddedServer chatServer(String hibernateAfter) throws Exception {
        return EmbeddedServer.builder()
                .beanClasses(ChatRoute.class)
                .setting("wspair.objects.hibernateAfter", hibernateAfter)
                .staticFiles(Path.of("src/main/webapp"))
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A room no other test uses. */
    static String newRoom() {
        return "room-" + ROOMS.incrementAndGet();
    }
}
