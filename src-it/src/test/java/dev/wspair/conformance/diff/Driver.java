package dev.wspair.conformance.diff;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * What a scenario script can do: send data and commands to the peer, send Close frames, wait for
 * what the peer sends (bounded waits that return as soon as the thing arrived), and drop the TCP
 * connection. Waits never fail the scenario: a missing frame is an observation like any other.
 */
public final class Driver {

    /** Longest wait for a frame the script expects. */
    public static final long FRAME_WAIT_MILLIS = 1000;
    /**
     * After a Close frame arrives, how long the client gives the peer to end TCP by itself before
     * it answers (so that "the peer did not wait for the reply" is observed, not raced).
     */
    public static final long END_GRACE_MILLIS = 100;

    private final RawWebSocketClient client;
    private final Peer peer;
    private final String id;

    public Driver(RawWebSocketClient client, Peer peer, String id) {
        this.client = client;
        this.peer = peer;
        this.id = id;
    }

    /**
     * Waits (bounded by {@link #FRAME_WAIT_MILLIS}) until the peer's log holds an entry that
     * satisfies {@code condition}: lets a script act only once the peer has seen something.
     */
    public boolean awaitPeerLog(Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + FRAME_WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            for (JsonValue entry : peer.log(id)) {
                if (condition.test(entry.asJsonObject())) {
                    return true;
                }
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Waits until the peer logged its close event. */
    public boolean awaitPeerCloseEvent() throws Exception {
        return awaitPeerLog(e -> Observation.isEvent(e, "close"));
    }

    public RawWebSocketClient client() {
        return client;
    }

    // ---------------------------------------------------------------- commands

    public void cmd(JsonObject command) {
        client.sendText(command.toString());
    }

    /** A text message sent as is (for malformed or odd commands). */
    public void rawCmd(String text) {
        client.sendText(text);
    }

    public static JsonObjectBuilder op(String op) {
        return Json.createObjectBuilder().add("op", op);
    }

    public void peerClose() {
        cmd(op("close").build());
    }

    public void peerClose(int code) {
        cmd(op("close").add("code", code).build());
    }

    public void peerClose(int code, String reason) {
        cmd(op("close").add("code", code).add("reason", reason).build());
    }

    public void peerCloseReasonOnly(String reason) {
        cmd(op("close").add("reason", reason).build());
    }

    public void peerSend(String text) {
        cmd(op("send").add("text", text).build());
    }

    public void peerSendBinary(String hex) {
        cmd(op("sendBinary").add("hex", hex).build());
    }

    public void peerState() {
        cmd(op("state").build());
    }

    public void peerSendAfterClose(int code) {
        cmd(op("sendAfterClose").add("code", code).build());
    }

    // ---------------------------------------------------------------- data and close frames

    public void text(String text) {
        client.sendText(text);
    }

    public void binary(String hex) {
        client.sendBinary(HexFormat.of().parseHex(hex));
    }

    public void close(int code, String reason) {
        client.sendClose(code, reason);
    }

    public void closeEmpty() {
        client.sendCloseEmpty();
    }

    /** Several frames in one TCP write (use the static frame builders of {@link RawWebSocketClient}). */
    public void together(String description, byte[]... frames) {
        client.write(description, frames);
    }

    public static byte[] cmdFrame(JsonObject command) {
        return RawWebSocketClient.textFrame(command.toString());
    }

    // ---------------------------------------------------------------- waiting

    /** Waits until {@code n} frames in total have arrived (or the connection ended). */
    public void expectFrames(int n) throws InterruptedException {
        client.awaitFrames(n, FRAME_WAIT_MILLIS);
    }

    /** Waits for a Close frame, then up to {@link #END_GRACE_MILLIS} for the peer to end TCP. */
    public void awaitClose() throws InterruptedException {
        if (client.awaitClose(FRAME_WAIT_MILLIS)) {
            client.awaitEnd(END_GRACE_MILLIS);
        }
    }

    /** Answers the last Close received with the same body (an empty body stays empty). */
    public void replyToClose() {
        JsonObject close = client.lastClose();
        if (close == null) {
            return;
        }
        if (close.containsKey("code")) {
            String reason = close.containsKey("reason") ? close.getString("reason") : "";
            client.sendClose(close.getInt("code"), reason);
        } else if (close.getBoolean("empty", false)) {
            client.sendCloseEmpty();
        } else {
            client.sendCloseBody(HexFormat.of().parseHex(close.getString("hex", "")));
        }
    }

    /**
     * Ends a scenario whose peer may or may not have closed: if a Close arrived, the peer gets
     * {@link #END_GRACE_MILLIS} to end TCP first; then, if the connection is still there, the
     * client sends {@code Close(code, reason)}.
     */
    public void closeAfterGrace(int code, String reason) throws InterruptedException {
        if (client.lastClose() != null) {
            client.awaitEnd(END_GRACE_MILLIS);
        }
        client.sendClose(code, reason);
    }

    /** Answers the Close received with a Close of the client's choice. */
    public void reply(int code, String reason) {
        if (client.lastClose() != null) {
            client.sendClose(code, reason);
        }
    }

    public void dropRst() {
        client.dropAbruptly();
    }

    public void dropFin() {
        client.fin();
    }
}
