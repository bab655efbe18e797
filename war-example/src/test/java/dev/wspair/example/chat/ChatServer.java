package dev.wspair.example.chat;

import dev.wspair.embedded.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The chat on the embedded runtime, on 127.0.0.1 and a free port, with the page of src/main/webapp. */
final class ChatServer {

    private static final AtomicInteger ROOMS = new AtomicInteger();

    private ChatServer() {
    }

    static EmbeddedServer start() throws IOException {
        return EmbeddedServer.builder()
                .beanClasses(ChatRoute.class, Rooms.class)
                .staticFiles(Path.of("src/main/webapp"))
                .start();
    }

    /** A room no other test uses. */
    static String newRoom() {
        return "room-" + ROOMS.incrementAndGet();
    }
}
