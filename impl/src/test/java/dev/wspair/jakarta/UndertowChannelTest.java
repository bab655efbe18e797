package dev.wspair.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.engine.Timeouts;
import dev.wspair.testkit.RawClient;
import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.UndertowSession;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * {@link UndertowChannel} on a real Undertow (the version WildFly ships) with a real client (the
 * JDK's): fails when an Undertow update changes what it reaches (the receive listener, the flag
 * that refuses data after a Close, the message buffers).
 */
class UndertowChannelTest {

    /** What the server's reader saw, in order. */
    static final BlockingQueue<String> SERVER = new LinkedBlockingQueue<>();
    /** What the client saw, in order. */
    private final BlockingQueue<String> client = new LinkedBlockingQueue<>();

    private static XnioWorker worker;
    private static Undertow server;
    private static URI uri;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        worker = Xnio.getInstance("nio", Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, 1).set(Options.WORKER_TASK_CORE_THREADS, 2)
                .set(Options.WORKER_TASK_MAX_THREADS, 2).getMap());
        WebSocketDeploymentInfo webSockets = new WebSocketDeploymentInfo().setWorker(worker)
                .setBuffers(new DefaultByteBufferPool(false, 1024))
                .addEndpoint(ServerEndpointConfig.Builder.create(Probe.class, "/probe").build());
        DeploymentInfo deployment = Servlets.deployment().setClassLoader(UndertowChannelTest.class.getClassLoader())
                .setContextPath("/").setDeploymentName("probe.war")
                .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, webSockets);
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        server = Undertow.builder().setWorker(worker).addHttpListener(0, "127.0.0.1").setHandler(manager.start()).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        uri = URI.create("ws://127.0.0.1:" + port + "/probe");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    @BeforeEach
    void clear() {
        SERVER.clear();
    }

    @Test
    void theHandlesResolveOnThisUndertow() {
        assertTrue(UndertowChannel.Handles.resolved(), "UndertowChannel's reflective handles no longer resolve");
    }

    @Test
    void thePeersCloseIsReadBeforeAnyEchoAndTheAnswerFollowsWhatWasSentAfterIt() throws Exception {
        WebSocket ws = connect(false);
        ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(10, TimeUnit.SECONDS);
        ws.sendClose(4000, "bye").get(10, TimeUnit.SECONDS);

        assertEquals("text hello", next(SERVER));
        assertEquals("binary 3", next(SERVER));
        assertEquals("close 4000 bye", next(SERVER));
        // no echo of 4000: a text sent after the peer's Close still goes out, then our own answer
        assertEquals("text still open", next(client));
        assertEquals("close 4001 ours", next(client));
        assertNull(SERVER.poll(Timeouts.QUIET.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void afterOurOwnCloseTheListenerGoesOnReadingAndSeesThePeersAnswer() throws Exception {
        WebSocket ws = connect(true);
        ws.sendText("close first", true).get(10, TimeUnit.SECONDS);

        assertEquals("text close first", next(SERVER));
        assertEquals("close 4002 first", next(client));
        assertEquals("text late", next(SERVER));
        assertEquals("close 4003 answer", next(SERVER));
    }

    /**
     * Our own Close decided on another thread just before the peer's Close is read (the socket's
     * executor, the conformance scenario simultaneous-close-halfopen): the write reaches Undertow's
     * I/O thread after the read that brings the peer's Close, which ends the connection. That end
     * waits for our Close: the peer still gets it, then the end of the connection. Here the Close is
     * handed over from a task on the I/O thread, which runs before the next read and queues the
     * write after it: the order the race produces, every time.
     */
    @Test
    void ourCloseDecidedAsThePeersCloseIsReadStillReachesThePeerBeforeTheEnd() throws Exception {
        try (RawClient client = new RawClient(port, "/probe")) {
            client.sendTextAndClose("close crossing", 4000, "b");
            assertEquals("text close crossing", next(SERVER));
            assertEquals("close 4000 b", next(SERVER));
            RawClient.Received ours = client.next();
            assertEquals(4002, ours.code());
            assertEquals("first", ours.reason());
            assertTrue(client.endOfStream(), "the connection did not end after our Close");
        }
    }

    /** An empty Close is read as 1005 (workerd's code for it; Undertow's own reading says 1000). */
    @Test
    void anEmptyCloseIsReadAs1005AndAnsweredAfterWhatWasSentBeforeIt() throws Exception {
        try (RawClient client = new RawClient(port, "/probe")) {
            client.sendText("hello");
            assertEquals("text hello", next(SERVER));
            client.send(0x88, new byte[0]);
            assertEquals("close 1005 ", next(SERVER));
            assertEquals("still open", client.next().text());
            RawClient.Received answer = client.next();
            assertEquals(4001, answer.code());
            assertEquals("ours", answer.reason());
        }
    }

    private WebSocket connect(boolean answerWithLateText) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                client.add("text " + data);
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                client.add("close " + code + " " + reason);
                if (answerWithLateText) {
                    ws.sendText("late", true).thenCompose(sent -> ws.sendClose(4003, "answer"));
                }
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static String next(BlockingQueue<String> events) throws InterruptedException {
        String event = events.poll(Timeouts.EVENT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(event != null, "nothing arrived within " + Timeouts.EVENT);
        return event;
    }

    /** Reads through UndertowChannel; answers a peer's Close after one more text, or closes first when asked. */
    public static final class Probe extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            UndertowChannel channel = UndertowChannel.of(session);
            if (channel == null) {
                SERVER.add("no UndertowChannel for " + session.getClass().getName());
                return;
            }
            channel.read(new UndertowChannel.Reader() {
                private boolean closedFirst;

                @Override
                public void text(String text) {
                    SERVER.add("text " + text);
                    if (text.equals("close first")) {
                        closedFirst = true;
                        channel.sendClose(4002, "first", false);
                    } else if (text.equals("close crossing")) {
                        closedFirst = true;
                        ((UndertowSession) session).getWebSocketChannel().getIoThread()
                                .execute(() -> channel.sendClose(4002, "first", false));
                    }
                }

                @Override
                public void binary(byte[] bytes) {
                    SERVER.add("binary " + bytes.length);
                }

                @Override
                public void close(int code, String reason) {
                    SERVER.add("close " + code + " " + reason);
                    if (!closedFirst) {
                        session.getAsyncRemote().sendText("still open");
                        channel.sendClose(4001, "ours", true);
                    } else {
                        channel.endAfterOurClose();
                    }
                }

                @Override
                public void failed(Throwable error) {
                    SERVER.add("failed " + error);
                }
            });
        }
    }
}
