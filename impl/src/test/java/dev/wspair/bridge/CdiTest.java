package dev.wspair.bridge;

import dev.wspair.testkit.JdkClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wspair.CloseEvent;
import dev.wspair.ErrorEvent;
import dev.wspair.EventType;
import dev.wspair.FetchHandler;
import dev.wspair.MessageEvent;
import dev.wspair.Request;
import dev.wspair.Response;
import dev.wspair.Route;
import dev.wspair.WebSocket;
import dev.wspair.WebSocketPair;
import dev.wspair.embedded.EmbeddedServer;
import dev.wspair.engine.Timeouts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CDI on the embedded runtime: injected pairs, route-qualified events, the request context. */
class CdiTest {

    static final BlockingQueue<String> SEEN = new LinkedBlockingQueue<>();

    @RequestScoped
    public static class PerDelivery {
        private final String id = UUID.randomUUID().toString();

        public String id() {
            return id;
        }
    }

    @Route("/cdi")
    @ApplicationScoped
    public static class Chat implements FetchHandler {
        @Inject
        Instance<WebSocketPair> pairs;
        @Inject
        PerDelivery perDelivery;

        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = pairs.get();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> {
                SEEN.add("listener:" + event.text());
                server.send(perDelivery.id());
            });
            return Response.webSocket(pair.client());
        }
    }

    @Route("/other")
    @ApplicationScoped
    public static class Other implements FetchHandler {
        @Inject
        WebSocketPair pair;

        @Override
        public Response fetch(Request request) {
            pair.server().accept();
            return Response.webSocket(pair.client());
        }
    }

    /** Echoes; its observer throws on "boom". */
    @Route("/fragile")
    @ApplicationScoped
    public static class Fragile implements FetchHandler {
        @Override
        public Response fetch(Request request) {
            WebSocketPair pair = new WebSocketPair();
            WebSocket server = pair.server();
            server.accept();
            server.addEventListener(EventType.MESSAGE, event -> server.send(event.text()));
            return Response.webSocket(pair.client());
        }
    }

    @ApplicationScoped
    public static class FragileObservers {
        void message(@Observes @Route("/fragile") MessageEvent event) {
            if (event.text().equals("boom")) {
                throw new IllegalStateException("the observer failed");
            }
        }

        void error(@Observes @Route("/fragile") ErrorEvent event) {
            SEEN.add("error:" + event.message());
        }
    }

    @ApplicationScoped
    public static class Observers {
        /** Logs the request-scoped bean it sees: the same one the socket's listener answered with. */
        void message(@Observes @Route("/cdi") MessageEvent event, PerDelivery scoped) {
            SEEN.add("sync:" + event.text() + ":" + scoped.id());
        }

        void messageLater(@ObservesAsync @Route("/cdi") MessageEvent event) {
            SEEN.add("async:" + event.text());
        }

        void close(@Observes @Route("/cdi") CloseEvent event) {
            SEEN.add("close:" + event.code());
        }

        void other(@Observes @Route("/other") MessageEvent event) {
            SEEN.add("other:" + event.text());
        }
    }

    @Dependent
    public static class TwoPairs {
        @Inject
        WebSocketPair first;
        @Inject
        WebSocketPair second;
    }

    private static EmbeddedServer server;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedServer.builder()
                .beanClasses(PerDelivery.class, Chat.class, Other.class, Observers.class, TwoPairs.class, Fragile.class,
                        FragileObservers.class).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyInjectionPointGetsItsOwnPair() {
        TwoPairs pairs = server.cdi().select(TwoPairs.class).get();
        assertNotSame(pairs.first, pairs.second);
        assertNotSame(pairs.first.server(), pairs.second.server());
    }

    @Test
    void observersOfTheRouteSeeItsEventsSeriallyAfterTheListenersInTheSameRequestContext() throws Exception {
        SEEN.clear();
        JdkClient client = new JdkClient(server.webSocketUri("/cdi"));
        client.socket.sendText("a", true);
        String firstScope = client.next();
        client.socket.sendText("b", true);
        String secondScope = client.next();
        assertNotEquals(firstScope, secondScope, "each delivery has its own request context");
        client.socket.sendClose(4000, "bye").get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("4000 bye", client.closed.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));

        List<String> seen = take(7);
        List<String> async = seen.stream().filter(entry -> entry.startsWith("async:")).toList();
        List<String> serial = seen.stream().filter(entry -> !entry.startsWith("async:")).toList();
        assertEquals(List.of("listener:a", "sync:a:" + firstScope, "listener:b", "sync:b:" + secondScope, "close:4000"), serial,
                "the sync observers run after the socket's listeners, one event at a time, in its request context");
        assertEquals(Set.of("async:a", "async:b"), Set.copyOf(async), "the async observers run once per message, in any order");
    }

    @Test
    void anObserverOfAnotherRouteSeesNothingOfThisOne() throws Exception {
        SEEN.clear();
        JdkClient other = new JdkClient(server.webSocketUri("/other"));
        other.socket.sendText("for other", true);
        assertEquals("other:for other", SEEN.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));
        other.socket.sendClose(1000, "").get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        other.closed.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(SEEN.poll(Timeouts.QUIET.toMillis(), TimeUnit.MILLISECONDS), "only the /other observer ran");
    }

    @Test
    void anObserverThatThrowsFailsItsOwnSocketOnly() throws Exception {
        SEEN.clear();
        JdkClient failing = new JdkClient(server.webSocketUri("/fragile"));
        JdkClient bystander = new JdkClient(server.webSocketUri("/fragile"));
        failing.socket.sendText("boom", true);
        assertEquals("boom", failing.next(), "the listener ran before the observer");
        assertEquals("error:Uncaught IllegalStateException: the observer failed",
                SEEN.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("1011 ", failing.closed.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS),
                "workerd drops the connection; JSR-356 can only close it, with 1011");

        bystander.socket.sendText("still here", true);
        assertEquals("still here", bystander.next());
        bystander.socket.sendClose(1000, "").get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("1000 ", bystander.closed.get(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("error:Uncaught Error: Network connection lost.", SEEN.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS),
                "workerd's trailing error after answering a Close, having received a message (TrailingError)");
        assertNull(SEEN.poll(Timeouts.QUIET.toMillis(), TimeUnit.MILLISECONDS), "no event of the other socket failed");
    }

    /** The next {@code count} entries in the order they were seen (fewer if they do not come). */
    private static List<String> take(int count) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String next = SEEN.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                break;
            }
            taken.add(next);
        }
        return taken;
    }
}
