package dev.wspair.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.app.FaultRoute;
import dev.wspair.it.support.Runtime;
import dev.wspair.it.support.Urls;
import dev.wspair.it.support.Wars;
import dev.wspair.testkit.RawClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Frames a client must never send, from a raw socket: the container answers with the close code
 * RFC 6455 requires, our socket reports a protocol error as workerd does (an {@code error} event
 * with the code the peer was sent, no close event), and the server goes on serving others.
 */
@ExtendWith(ArquillianExtension.class)
class MalformedInputIT {

    private static final AtomicInteger IDS = new AtomicInteger();

    /** A malformed input and the close code RFC 6455 requires for it. */
    enum Malformed {
        INVALID_UTF8_TEXT(1007, false) {
            void send(RawClient client) throws Exception {
                client.send(0x81, new byte[] {(byte) 0xC3, 0x28});
            }
        },
        UNMASKED_FRAME(1002, true) {
            void send(RawClient client) throws Exception {
                client.sendRaw(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
            }
        },
        RESERVED_OPCODE(1002, true) {
            void send(RawClient client) throws Exception {
                client.send(0x83, ascii("x"));
            }
        },
        RSV2_BIT(1002, true) {
            void send(RawClient client) throws Exception {
                client.send(0xA1, ascii("x"));
            }
        },
        CONTROL_FRAME_OVER_125_BYTES(1002, true) {
            void send(RawClient client) throws Exception {
                client.send(0x89, new byte[126]);
            }
        },
        FRAGMENTED_CONTROL_FRAME(1002, true) {
            void send(RawClient client) throws Exception {
                client.send(0x09, ascii("x"));
            }
        },
        CLOSE_WITH_INVALID_CODE(1002, false) {
            void send(RawClient client) throws Exception {
                client.send(0x88, new byte[] {0x03, (byte) 0xE7}); // 999
            }
        },
        CLOSE_WITH_ONE_BYTE_BODY(1002, true) {
            void send(RawClient client) throws Exception {
                client.send(0x88, new byte[] {0x03});
            }
        },
        TRUNCATED_FRAME_THEN_EOF(0, false) {
            void send(RawClient client) throws Exception {
                client.sendRaw(new byte[] {(byte) 0x81, (byte) 0x8A, 1, 2, 3, 4, 'a', 'b', 'c'});
                client.shutdownOutput();
            }
        };

        /** The code of the container's Close; 0: the connection just ends. */
        final int code;
        /** Found while parsing the frame, before a message exists: Undertow does not tell the endpoint. */
        final boolean frameLevel;

        Malformed(int code, boolean frameLevel) {
            this.code = code;
            this.frameLevel = frameLevel;
        }

        abstract void send(RawClient client) throws Exception;

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.of("malformed", FaultRoute.class);
    }

    @ArquillianResource
    URL deployment;

    @ParameterizedTest
    @EnumSource(Malformed.class)
    void theContainerAnswersWithTheRfcCodeOurSocketReportsItAndOthersAreServed(Malformed input) throws Exception {
        String id = input + "-" + IDS.incrementAndGet();
        try (RawClient bystander = connect("bystander-" + id); RawClient client = connect(id)) {
            client.sendText("before");
            assertEquals("before", client.next().text());
            input.send(client);

            if (input == Malformed.UNMASKED_FRAME && Runtime.current().acceptsUnmaskedFrames()) {
                assertEquals("hi", client.next().text(), "Tyrus delivers it (README D18)");
                bystander.sendText("still served");
                assertEquals("still served", bystander.next().text());
                return;
            }
            String ending = ending(id);
            if (input.code == 0) {
                System.out.println(Runtime.current() + " " + input + ": " + ending);
                assertEquals("close 1006 false", ending);
            } else {
                RawClient.Received close = client.next();
                System.out.println(Runtime.current() + " " + input + ": " + ending + " / peer got " + close);
                assertTrue(close.isClose(), "a Close frame, not " + close);
                assertEquals(input.code, close.code(), "the Close the container sent: " + close.reason());
                if (input.frameLevel && !Runtime.current().reportsFrameErrors()) {
                    assertEquals("close 1006 false", ending, "Undertow reports it as a lost connection (README D19)");
                } else {
                    assertTrue(ending.startsWith("error Uncaught Error: WebSocket protocol error; protocolError.statusCode = "
                            + input.code + "; protocolError.description = "), ending);
                }
            }
            bystander.sendText("still served");
            assertEquals("still served", bystander.next().text());
        }
    }

    private RawClient connect(String id) throws Exception {
        URI uri = Urls.ws(deployment, "fault?id=" + id);
        RawClient client = new RawClient(uri.getPort(), uri.getRawPath() + "?" + uri.getRawQuery());
        assertEquals("HTTP/1.1 101", client.handshakeStatus.substring(0, 12));
        return client;
    }

    private String ending(String id) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(Urls.http(deployment, "fault?id=" + id)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
    }
}
