import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * java ChatCheck.java http://127.0.0.1:18081/app/ http://127.0.0.1:18082/app/
 * Waits until both nodes' /cluster-probe say "members=2 settled=true"; then, for a room living on
 * each node, alice joins through the first node and bob through the second, each sends a message,
 * and both must see both in the same order. Exit 0 when all holds.
 */
public class ChatCheck {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        URI a = URI.create(args[0]);
        URI b = URI.create(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (URI node : List.of(a, b)) {
            String seen;
            while (!(seen = probe(node, null)).equals("members=2 settled=true")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(node + " cluster-probe: " + seen);
                }
                Thread.sleep(500);
            }
            System.out.println(node + "cluster-probe: " + seen);
        }
        room(roomLivingOn(b, a), a, b, "on B");
        room(roomLivingOn(a, b), a, b, "on A");
        System.out.println("OK: a person on each node met the other in a room living on each node");
    }

    static void room(String room, URI a, URI b, String where) throws Exception {
        Client alice = new Client(a, room, "alice");
        expect(alice.next(), "{\"joined\":\"alice\"}");
        Client bob = new Client(b, room, "bob");
        expect(bob.next(), "{\"joined\":\"bob\"}");
        expect(alice.next(), "{\"joined\":\"bob\"}");
        alice.socket.sendText("{\"message\":\"hello from A\"}", true).join();
        bob.socket.sendText("{\"message\":\"hello from B\"}", true).join();
        List<String> seenByAlice = List.of(alice.next(), alice.next());
        List<String> seenByBob = List.of(bob.next(), bob.next());
        if (!seenByAlice.equals(seenByBob) || seenByAlice.stream().noneMatch(m -> m.contains("hello from A"))
                || seenByAlice.stream().noneMatch(m -> m.contains("hello from B"))) {
            throw new AssertionError(room + ": alice saw " + seenByAlice + ", bob saw " + seenByBob);
        }
        System.out.println("room " + room + " (lives " + where + "): alice (via A) and bob (via B) both saw " + seenByAlice);
        alice.socket.sendClose(1000, "bye").join();
        bob.socket.sendClose(1000, "bye").join();
    }

    static void expect(String got, String wanted) {
        if (!wanted.equals(got)) {
            throw new AssertionError("expected " + wanted + ", got " + got);
        }
    }

    static String roomLivingOn(URI owner, URI other) {
        for (int k = 0; k < 64; k++) {
            String room = "payara-" + k;
            if (probe(owner, room).endsWith("room=here") && probe(other, room).endsWith("room=elsewhere")) {
                return room;
            }
        }
        throw new AssertionError("no room living on " + owner);
    }

    static String probe(URI node, String room) {
        try {
            return HTTP.send(HttpRequest.newBuilder(node.resolve("cluster-probe" + (room == null ? "" : "?room=" + room)))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final StringBuilder part = new StringBuilder();
        final WebSocket socket;

        Client(URI node, String room, String name) {
            URI uri = URI.create("ws" + node.resolve("chat/" + room + "?name=" + name).toString().substring("http".length()));
            socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .header("Origin", "http://" + node.getRawAuthority()).buildAsync(uri, this)
                    .orTimeout(30, TimeUnit.SECONDS).join();
        }

        String next() throws InterruptedException {
            String m = messages.poll(20, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message in 20 s");
            }
            return m;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                messages.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
