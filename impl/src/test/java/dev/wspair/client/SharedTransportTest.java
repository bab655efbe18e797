package dev.wspair.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.ClientOptions;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Timeouts;
import dev.wspair.runtime.ApplicationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runtime's own connections (a cluster's links) over one {@link SharedTransport}: many
 * connections add a few threads, not a transport each; a refused handshake reports its status; once
 * closed, the transport has no thread left and its connections ended.
 */
class SharedTransportTest {

    private static final int CONNECTIONS = 40;
    private static final String NAME = "shared-test";
    private static final String THREADS = "wspair-" + NAME + "-client";

    /** Answers every message with {@code echo} and the message. */
    @Route("/echo")
    @ApplicationScoped
    public static class Echo implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> server.send("echo " + event.text()));
            return Response.webSocket(pair.client());
        }
    }

    @Route("/refused")
    @ApplicationScoped
    public static class Refused implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            return new Response("not you", 403);
        }
    }

    @Test
    void manyConnectionsShareOneTransportAndItStopsWithNoThreadLeft() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().beanClasses(Echo.class, Refused.class).start()) {
            ApplicationRuntime runtime = ApplicationRuntime.builder(NAME).start();
            SharedTransport transport = SharedTransport.start(NAME);
            try {
                runtime.connector().share(transport);
                BlockingQueue<String> received = new LinkedBlockingQueue<>();
                BlockingQueue<String> ended = new LinkedBlockingQueue<>();
                List<WebSocket> sockets = new ArrayList<>();
                int threadsBefore = threadsNotOfTheServer();
                for (int i = 0; i < CONNECTIONS; i++) {
                    Response answer = runtime.connector().fetchOwn(server.webSocketUri("/echo").toString(), ClientOptions.DEFAULT)
                            .toCompletableFuture().get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
                    WebSocket socket = answer.webSocket();
                    socket.addEventListener(EventType.MESSAGE, event -> received.add(event.text()));
                    socket.addEventListener(EventType.CLOSE, event -> ended.add(Integer.toString(event.code())));
                    socket.accept();
                    socket.send("m" + i);
                    sockets.add(socket);
                }
                Set<String> echoes = new HashSet<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    String echo = received.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
                    assertTrue(echo != null, "an echo of each connection; got " + echoes);
                    echoes.add(echo);
                }
                for (int i = 0; i < CONNECTIONS; i++) {
                    assertTrue(echoes.contains("echo m" + i), "echo m" + i);
                }
                int added = threadsNotOfTheServer() - threadsBefore;
                System.out.printf("%d connections over one shared transport: %d threads more in the JVM outside the server's pool (%d of the transport)%n",
                        CONNECTIONS, added, threadsNamed(THREADS).size());
                assertTrue(added < CONNECTIONS, CONNECTIONS + " connections added " + added
                        + " threads (Tyrus's own client starts three per connection)");
                assertFalse(threadsNamed(THREADS).isEmpty(), "the connections went over the shared transport");

                Response refused = runtime.connector().fetchOwn(server.webSocketUri("/refused").toString(), ClientOptions.DEFAULT)
                        .toCompletableFuture().get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
                assertEquals(403, refused.status(), "a refused handshake reports its status");
                assertNull(refused.webSocket());

                transport.close();
                assertEquals(List.of(), threadsNamed(THREADS), "the transport's threads stopped with it");
                for (int i = 0; i < CONNECTIONS; i++) {
                    assertEquals("1006", ended.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS),
                            "a connection of a stopped transport ends without a Close");
                }
            } finally {
                transport.close();
                runtime.close();
            }
        }
    }

    /** The JVM's live threads but the embedded server's workers (its pool grows with the connections it serves). */
    private static int threadsNotOfTheServer() {
        int count = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !thread.getName().startsWith("wspair-http")) {
                count++;
            }
        }
        return count;
    }

    private static List<String> threadsNamed(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith(prefix)) {
                names.add(thread.getName());
            }
        }
        return names;
    }
}
