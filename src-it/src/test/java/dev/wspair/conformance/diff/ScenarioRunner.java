package dev.wspair.conformance.diff;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one scenario against one peer and collects its {@link Observation}: a fresh ID, the
 * handshake, the script, then the end of the connection (or a bounded quiet period, after which
 * the client closes its socket; after a Close from the client the quiet period starts once the peer
 * has logged its close event), then the peer's log once it has stopped changing.
 */
public final class ScenarioRunner {

    /** A connection still open after the script is given this much silence before the client ends it. */
    public static final long QUIET_MILLIS = 300;
    /** Upper bound of that wait. */
    public static final long MAX_FINISH_MILLIS = 2000;
    /** The log is read again until it has not changed for this long (closeLater fires 50 ms late). */
    public static final long LOG_STABLE_MILLIS = 150;
    /** Upper bound of that wait. */
    public static final long LOG_MAX_MILLIS = 2000;
    private static final long LOG_POLL_MILLIS = 25;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000), 16);

    private ScenarioRunner() {
    }

    /** A fresh ID: letters, digits and '-', at most 64 characters. */
    static String freshId(String scenario) {
        String id = "dx" + RUN + "-" + COUNTER.incrementAndGet() + "-" + scenario;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    public static Observation run(Peer peer, Scenario scenario) throws Exception {
        String id = freshId(scenario.name());
        Observation observation = new Observation(peer.label(), id);
        StringBuilder path = new StringBuilder(peer.path("/peer?id=")).append(id);
        for (Map.Entry<String, String> option : scenario.options().entrySet()) {
            path.append('&').append(option.getKey()).append('=')
                    .append(URLEncoder.encode(option.getValue(), StandardCharsets.UTF_8));
        }
        peer.log(id); // warms the HTTP client (scripts may poll the log with tight timing); the fresh ID reads []
        try (RawWebSocketClient client = RawWebSocketClient.connect(peer.base(), path.toString(), CONNECT_TIMEOUT_MILLIS)) {
            observation.handshakeStatus = client.handshakeStatus();
            if (client.handshakeStatus() == 101) {
                Driver driver = new Driver(client, peer, id);
                scenario.script().run(driver);
                if (client.sentClose() && !client.ended()) {
                    // The silence counts from when the peer has handled the client's Close, not from when it
                    // was sent: a peer starved of CPU answers later than QUIET_MILLIS after it (bounded wait).
                    driver.awaitPeerCloseEvent();
                }
                client.awaitEndOrQuiet(QUIET_MILLIS, MAX_FINISH_MILLIS);
                if (!client.ended()) {
                    client.fin(); // noted in the trace; not an observation of the peer
                }
            }
            client.received().forEach(r -> observation.client.add(r.entry()));
            JsonArray log = stableLog(peer, id);
            for (JsonValue entry : log) {
                observation.log.add(entry.asJsonObject());
            }
            observation.trace.addAll(client.trace());
        }
        return observation;
    }

    /** Reads the log until it has not changed for {@link #LOG_STABLE_MILLIS} (bounded). */
    static JsonArray stableLog(Peer peer, String id) throws Exception {
        long start = System.nanoTime();
        JsonArray last = peer.log(id);
        long lastChange = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if ((now - lastChange) / 1_000_000 >= LOG_STABLE_MILLIS || (now - start) / 1_000_000 >= LOG_MAX_MILLIS) {
                return last;
            }
            Thread.sleep(LOG_POLL_MILLIS);
            JsonArray next = peer.log(id);
            if (!next.equals(last)) {
                last = next;
                lastChange = System.nanoTime();
            }
        }
    }
}
