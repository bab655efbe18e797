package dev.wspair.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import dev.wspair.testkit.DeadlockWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The lock rule on real connections: 1,000 bridged connections on the embedded runtime, with
 * concurrent sends and closes from the server's side and Close frames and dropped TCP connections
 * from the clients'. No thread deadlocks and every server socket gets exactly one close event.
 */
class BridgedStressTest {

    static final int CONNECTIONS = 1_000;

    /** Hands each accepted server end to the test. */
    @Route("/stress")
    @ApplicationScoped
    public static class Accepting implements FetchHandler {
        static final BlockingQueue<WebSocket> HANDED = new LinkedBlockingQueue<>();

        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            pair.server().accept();
            HANDED.add(pair.server());
            return Response.webSocket(pair.client());
        }
    }

    @Test
    void concurrentSendsClosesPeerClosesAndLossesNeitherDeadlockNorLoseACloseEvent() throws Exception {
        Accepting.HANDED.clear();
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Accepting.class).start()) {
            List<RawClient> clients = new ArrayList<>();
            List<WebSocket> sockets = new ArrayList<>();
            Map<WebSocket, AtomicInteger> closeEvents = new ConcurrentHashMap<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    clients.add(new RawClient(server.port(), "/stress"));
                    WebSocket socket = Accepting.HANDED.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
                    assertTrue(socket != null, "the route ran for connection " + i);
                    AtomicInteger seen = new AtomicInteger();
                    closeEvents.put(socket, seen);
                    socket.addEventListener(EventType.CLOSE, event -> seen.incrementAndGet());
                    sockets.add(socket);
                }
                DeadlockWatch watch = new DeadlockWatch();
                ExecutorService callers = Executors.newFixedThreadPool(4);
                try {
                    for (int t = 0; t < 4; t++) {
                        callers.execute(() -> mix(clients, sockets));
                    }
                    callers.shutdown();
                    assertTrue(callers.awaitTermination(2, TimeUnit.MINUTES), "the callers finished");
                    for (RawClient client : clients) {
                        client.close();
                    }
                    Timeouts.until("every server socket has its close event",
                            () -> closeEvents.values().stream().allMatch(seen -> seen.get() > 0));
                    assertNull(watch.deadlocked(), "deadlocked threads");
                    assertEquals(0, closeEvents.values().stream().filter(seen -> seen.get() > 1).count(),
                            "sockets with more than one close event");
                    Timeouts.until("the runtime holds no connection", () -> server.runtime().bridge().openConnections() == 0);
                } finally {
                    watch.close();
                    callers.shutdownNow();
                }
            } finally {
                for (RawClient client : clients) {
                    client.close();
                }
            }
        }
    }

    /** Random calls on random connections, from both sides. */
    private static void mix(List<RawClient> clients, List<WebSocket> sockets) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 0; n < 4 * CONNECTIONS; n++) {
            int i = random.nextInt(sockets.size());
            WebSocket socket = sockets.get(i);
            RawClient client = clients.get(i);
            try {
                switch (random.nextInt(10)) {
                    case 0 -> socket.close(1000, "server");
                    case 1 -> {
                        synchronized (client) {
                            client.sendClose(4000, "client");
                        }
                    }
                    case 2 -> {
                        if (random.nextInt(10) == 0) {
                            client.close();
                        }
                    }
                    default -> socket.send("m" + n);
                }
            } catch (IllegalStateException | IOException alreadyClosed) {
                // a send after close(), or a write to a client connection already dropped
            }
        }
    }
}
