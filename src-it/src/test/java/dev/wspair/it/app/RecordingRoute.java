package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records the close event of each socket in a file of the server's temporary directory, where a
 * test can read it after the application is gone: "id code reason wasClean readyState".
 */
@Route("/recorded/{id}")
@ApplicationScoped
public class RecordingRoute implements FetchHandler {

    public static final String FILE = "wspair-close-events.log";

    @Override
    public Response fetch(Request request) {
        String id = request.pathParam("id");
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        server.addEventListener(EventType.CLOSE, event -> record(id + " " + event.code() + " " + event.reason() + " "
                + event.wasClean() + " " + server.readyState()));
        server.addEventListener(EventType.MESSAGE, event -> server.send("ready"));
        return Response.webSocket(pair.client());
    }

    private static synchronized void record(String line) {
        try {
            Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), FILE), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
