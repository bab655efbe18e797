package dev.wspair.it.app;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /sequence?count=N}: sends 0..N-1 from a thread of its own, then {@code "sent"}, while it
 * checks that the peer's messages arrive as 0, 1, 2, ... with no gap; the peer's {@code "end"} is
 * answered with {@code "checked <count> <first problem or ok>"}.
 */
@Route("/sequence")
@ApplicationScoped
public class SequenceRoute implements FetchHandler {

    @Override
    public Response fetch(Request request) {
        int count = Integer.parseInt(request.query("count"));
        WebSocketPair pair = new WebSocketPair();
        WebSocket server = pair.server();
        server.accept();
        int[] expected = {0};
        String[] problem = {"ok"};
        server.addEventListener(EventType.MESSAGE, event -> {
            String text = event.text();
            if (text.equals("end")) {
                server.send("checked " + expected[0] + " " + problem[0]);
                return;
            }
            if (problem[0].equals("ok") && !text.equals(Integer.toString(expected[0]))) {
                problem[0] = "expected " + expected[0] + " got " + text;
            }
            expected[0]++;
        });
        Thread sender = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                server.send(Integer.toString(i));
            }
            server.send("sent");
        }, "sequence-sender");
        sender.setDaemon(true);
        sender.start();
        return Response.webSocket(pair.client());
    }
}
