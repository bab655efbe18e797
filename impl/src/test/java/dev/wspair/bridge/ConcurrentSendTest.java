package dev.wspair.bridge;

import dev.wspair.testkit.JdkClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** send() from many threads at once: every message arrives, each thread's in its order. */
class ConcurrentSendTest {

    static final int THREADS = 16;
    static final int PER_THREAD = 2_000;

    @Route("/burst")
    @ApplicationScoped
    public static class Burst implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> {
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    new Thread(() -> {
                        for (int i = 0; i < PER_THREAD; i++) {
                            server.send(thread + ":" + i);
                        }
                    }).start();
                }
            });
            return Response.webSocket(pair.client());
        }
    }

    @Test
    void sixteenThreadsSendingAtOnceLoseAndReorderNothing() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Burst.class).start()) {
            JdkClient client = new JdkClient(server.webSocketUri("/burst"));
            client.socket.sendText("go", true);
            int[] next = new int[THREADS];
            List<String> outOfOrder = new ArrayList<>();
            for (int received = 0; received < THREADS * PER_THREAD; received++) {
                String[] parts = client.next().split(":");
                int thread = Integer.parseInt(parts[0]);
                int seq = Integer.parseInt(parts[1]);
                if (seq != next[thread]) {
                    outOfOrder.add(thread + ":" + seq + " (expected " + next[thread] + ")");
                }
                next[thread] = seq + 1;
            }
            assertEquals(List.of(), outOfOrder);
            for (int count : next) {
                assertEquals(PER_THREAD, count);
            }
        }
    }
}
