package dev.wspair.conformance.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.it.support.WorkerdPeer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The objects peer in workerd (src-it/workerd/objects.js) driven by {@link ObjectsRunner} with
 * {@link ObjectsScenarios}: the facts of OBJECTS-OBSERVED.md, so that a change of workerd's
 * behaviour, or a broken peer, fails here. Runs in the it-embedded execution only (its package is
 * outside dev/wspair/it). The whole observation is written to
 * target/workerd-objects-observation.json.
 */
class WorkerdObjectsPeerIT {

    static final String COMPATIBILITY_DATE = "2026-11-17";
    private static final String DISCONNECTED = "WebSocket disconnected without sending Close frame.";

    private static WorkerdPeer workerd;
    private static JsonObject observations;

    @BeforeAll
    static void runScenarios() throws Exception {
        workerd = new WorkerdPeer(COMPATIBILITY_DATE);
        String json = new ObjectsRunner(URI.create(workerd.url())).runAll(ObjectsScenarios.all());
        Path out = Path.of("target", "workerd-objects-observation.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        observations = Json.createReader(new StringReader(json)).readObject();
    }

    @AfterAll
    static void stop() throws Exception {
        if (workerd != null) {
            workerd.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static JsonObject scenario(String name) {
        JsonObject o = observations.getJsonObject(name);
        assertNotNull(o, name);
        assertFalse(o.containsKey("timeouts"), () -> name + ": a wait ran out: " + o);
        return o;
    }

    private static List<JsonObject> log(JsonObject scenario, String object) {
        return scenario.getJsonObject("logs").getJsonArray(object).getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> received(JsonObject scenario, String client) {
        return scenario.getJsonObject("clients").getJsonObject(client).getJsonArray("received").getValuesAs(JsonObject.class);
    }

    private static int status(JsonObject scenario, String client) {
        return scenario.getJsonObject("clients").getJsonObject(client).getInt("status");
    }

    private static JsonObject getResult(JsonObject scenario, int nth) {
        return scenario.getJsonArray("gets").getJsonObject(nth);
    }

    private static JsonObject only(List<JsonObject> log, Predicate<JsonObject> p, String what) {
        List<JsonObject> found = log.stream().filter(p).collect(Collectors.toList());
        assertEquals(1, found.size(), () -> what + " in " + log);
        return found.get(0);
    }

    private static Predicate<JsonObject> call(String from, String call, String target) {
        return e -> from.equals(e.getString("from", null)) && call.equals(e.getString("call", null))
                && (target == null || target.equals(e.getString("target", null)));
    }

    private static Predicate<JsonObject> handler(String event, String conn) {
        return e -> event.equals(e.getString("event", null)) && conn.equals(e.getString("conn", null));
    }

    private static JsonArray ids(String... ids) {
        var b = Json.createArrayBuilder();
        for (String id : ids) {
            b.add(id);
        }
        return b.build();
    }

    private static JsonObject text(String data) {
        return Json.createObjectBuilder().add("frame", "text").add("data", data).build();
    }

    private static void assertError(JsonObject entry, String error, String errorClass, String message) {
        assertFalse(entry.getBoolean("ok"), entry::toString);
        assertEquals(error, entry.getString("error"), entry::toString);
        assertEquals(errorClass, entry.getString("errorClass"), entry::toString);
        assertEquals(message, entry.getString("errorMessage"), entry::toString);
    }

    // ------------------------------------------------------------------ the facts

    @Test
    void endpointsAnswerAsSpecifiedAndA400LogsNothing() {
        JsonObject s = scenario("endpoints");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, getResult(s, 0).get("body"), "a new object's log");
        assertEquals(426, getResult(s, 1).getInt("status"), "connect without Upgrade");
        assertEquals(400, getResult(s, 2).getInt("status"), "bad object name");
        assertEquals(404, getResult(s, 3).getInt("status"), "other path");
        assertEquals(400, status(s, "badId"));
        assertEquals(400, status(s, "badOption"));
        assertEquals(400, status(s, "badTags"));
        assertEquals(101, status(s, "a"));
        assertEquals(400, status(s, "reused"), "an ID already used in the object");
        assertEquals(ids("a"), getResult(s, 4).get("body"));
        List<JsonObject> log = log(s, "o");
        assertEquals(1, log.size(), log::toString);
        JsonObject accept = log.get(0);
        assertEquals("connect", accept.getString("op"));
        assertEquals("acceptWebSocket", accept.getString("call"));
        assertEquals("a", accept.getString("target"));
        assertEquals(1, accept.getInt("readyStateBefore"), "a pair's server end is OPEN before acceptWebSocket");
        assertEquals(1, accept.getInt("readyStateAfter"));
        assertFalse(accept.containsKey("tags"), "acceptWebSocket(server) without tags");
    }

    @Test
    void getWebSocketsListsNewestFirstWithoutATagAndInAcceptanceOrderWithOne() {
        JsonObject s = scenario("tags-and-broadcast");
        assertEquals(ids("c", "b", "a"), getResult(s, 0).get("body"));
        assertEquals(ids("a", "b"), getResult(s, 1).get("body"));
        assertEquals(ids("a"), getResult(s, 2).get("body"));
        List<JsonObject> log = log(s, "room");
        assertEquals(ids("c", "b", "a"),
                only(log, e -> "getWebSockets".equals(e.getString("op", null)) && !e.containsKey("tag"), "getWebSockets()")
                        .get("result"));
        assertEquals(ids("a", "b"),
                only(log, e -> "getWebSockets".equals(e.getString("op", null)) && e.containsKey("tag"), "getWebSockets(room)")
                        .get("result"));
        assertEquals(ids("room", "x"), only(log, call("a", "getTags", "a"), "getTags(a)").get("result"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, only(log, call("c", "getTags", "c"), "getTags(c)").get("result"));
        // a tag broadcast: the selection, then one send per target in the order returned
        JsonObject selection = only(log, e -> "send".equals(e.getString("op", null)) && "getWebSockets".equals(e.getString("call", null)),
                "the broadcast's selection");
        assertEquals("room", selection.getString("tag"));
        int at = log.indexOf(selection);
        assertEquals("a", log.get(at + 1).getString("target"));
        assertEquals("b", log.get(at + 2).getString("target"));
        assertEquals(List.of(text("to room"), binary("00ff")), received(s, "a"));
        assertEquals(List.of(text("to room"), binary("00ff")), received(s, "b"));
        assertEquals(List.of(binary("00ff")), received(s, "c"), "c has no tag: only the broadcast to all");
    }

    private static JsonObject binary(String hex) {
        return Json.createObjectBuilder().add("frame", "binary").add("hex", hex).build();
    }

    @Test
    void malformedCommandsCallNothing() {
        JsonObject s = scenario("bad-commands");
        List<JsonObject> entries = log(s, "o").stream().filter(e -> !e.containsKey("event") && !"connect".equals(e.getString("op", null)))
                .collect(Collectors.toList());
        List<String> summary = entries.stream().map(e -> e.getString("op") + ":" + e.getString("error", e.getString("call", "")))
                .collect(Collectors.toList());
        assertEquals(List.of("send:BadCommand", "send:BadCommand", "send:BadCommand", "sendBinary:BadCommand",
                "serializeAttachment:BadCommand", "setAutoResponse:BadCommand", "nope:UnknownCommand", "batch:BadCommand",
                "send:send", "batch:BadCommand", "batch:BadCommand", "send:send"), summary);
        assertEquals(List.of(text("b1"), text("b2")), received(s, "a"));
    }

    @Test
    void echoAnswersDataAndWebSocketCloseMaySendAfterTheClientsClose() {
        JsonObject s = scenario("echo-and-late-send");
        assertEquals(List.of(text("hello"), binary("00ff10"), text("{\"op\":5}"), text("late")), received(s, "a"),
                "no Close reply to the client's Close, and the connection stays open");
        List<JsonObject> log = log(s, "o");
        assertEquals("ArrayBuffer", only(log, e -> "binary".equals(e.getString("type", null)), "binary message").getString("dataClass"));
        JsonObject close = only(log, handler("webSocketClose", "a"), "webSocketClose");
        assertEquals(2, close.getInt("readyState"));
        assertEquals(1000, close.getInt("code"));
        assertEquals("", close.getString("reason"));
        JsonObject late = only(log, call("a", "send", "a"), "the late send");
        assertTrue(late.getBoolean("ok"), late::toString);
        assertEquals("onClose", late.getString("op"));
    }

    @Test
    void autoResponseAnswersWithoutAHandlerCallAndKeepsItsTimestamp() {
        JsonObject s = scenario("auto-response");
        assertEquals(List.of(text("set"), text("pong"), text("done")), received(s, "a"));
        List<JsonObject> log = log(s, "o");
        List<String> texts = log.stream().filter(e -> "webSocketMessage".equals(e.getString("event", null)))
                .map(e -> e.getString("data")).collect(Collectors.toList());
        assertEquals(1, texts.stream().filter("ping"::equals).count(), "only the ping after unsetting reached the handler: " + texts);
        assertTrue(texts.contains("PING"), "matching is case-sensitive");
        List<JsonObject> timestamps = log.stream().filter(e -> "getWebSocketAutoResponseTimestamp".equals(e.getString("call", null)))
                .collect(Collectors.toList());
        assertEquals(4, timestamps.size(), timestamps::toString);
        assertEquals(JsonValue.NULL, timestamps.get(0).get("result"), "before any match");
        assertEquals("b", timestamps.get(1).getString("target"));
        assertEquals(JsonValue.NULL, timestamps.get(1).get("result"), "b never matched");
        assertEquals("<timestamp>", timestamps.get(2).getString("result"));
        assertEquals("<timestamp>", timestamps.get(3).getString("result"), "it survives unsetting");
        List<JsonObject> sets = log.stream().filter(e -> "setWebSocketAutoResponse".equals(e.getString("call", null)))
                .collect(Collectors.toList());
        assertEquals(4, sets.size());
        assertTrue(sets.get(0).getBoolean("ok"));
        assertError(sets.get(1), "RangeError", "RangeError",
                "Request cannot be larger than 2048 bytes. A request of size 2049 was provided.");
        assertError(sets.get(2), "RangeError", "RangeError",
                "Response cannot be larger than 2048 bytes. A response of size 2049 was provided.");
        assertTrue(sets.get(3).getBoolean("ok"), "unset");
        List<JsonValue> gets = log.stream().filter(e -> "getWebSocketAutoResponse".equals(e.getString("call", null)))
                .map(e -> e.get("result")).collect(Collectors.toList());
        JsonObject pair = Json.createObjectBuilder().add("request", "ping").add("response", "pong").build();
        assertEquals(List.of(pair, pair, JsonValue.NULL), gets, "a failed set leaves the pair as it was");
    }

    @Test
    void attachmentsRoundTripAndAnOversizedOneIsRejected() {
        JsonObject s = scenario("attachments");
        List<JsonObject> log = log(s, "o");
        List<JsonObject> reads = log.stream().filter(e -> "deserializeAttachment".equals(e.getString("call", null)))
                .collect(Collectors.toList());
        JsonObject value = Json.createReader(new StringReader("{\"n\":1,\"l\":[true,null,\"s\"]}")).readObject();
        assertEquals(JsonValue.NULL, reads.get(0).get("result"), "nothing serialized yet");
        assertEquals("b", reads.get(1).getString("target"));
        assertEquals(JsonValue.NULL, reads.get(1).get("result"));
        assertEquals(value, reads.get(2).get("result"));
        assertEquals(value, reads.get(3).get("result"), "a failed serializeAttachment keeps the previous value");
        JsonObject tooBig = log.stream().filter(e -> "serializeAttachment".equals(e.getString("call", null)) && !e.getBoolean("ok"))
                .findFirst().orElseThrow();
        assertEquals("Error", tooBig.getString("error"));
        assertEquals("Error", tooBig.getString("errorClass"));
        assertTrue(tooBig.getString("errorMessage").matches(
                "A WebSocket 'attachment' cannot be larger than 16384 bytes\\.'attachment' was \\d+ bytes\\."), tooBig::toString);
    }

    @Test
    void acceptWebSocketRejectsBadTagsAndASecondAcceptance() {
        JsonObject s = scenario("accept-errors");
        List<JsonObject> log = log(s, "o");
        List<JsonObject> a = log.stream().filter(call("a", "acceptWebSocket", "a")).collect(Collectors.toList());
        assertTrue(a.get(0).getBoolean("ok"));
        assertError(a.get(1), "Error", "Error", "Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`");
        assertError(only(log, call("a", "accept", "a"), "accept()"), "TypeError", "TypeError",
                "Can't accept() WebSocket after enabling hibernation.");
        List<JsonObject> b = log.stream().filter(call("b", "acceptWebSocket", "b")).collect(Collectors.toList());
        assertError(b.get(0), "Error", "Error", "a Hibernatable WebSocket cannot have more than 10 tags");
        assertTrue(b.get(1).getBoolean("ok"), "the fallback without tags");
        assertFalse(b.get(1).containsKey("tags"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, only(log, call("b", "getTags", "b"), "getTags(b)").get("result"));
        List<JsonObject> c = log.stream().filter(call("c", "acceptWebSocket", "c")).collect(Collectors.toList());
        assertError(c.get(0), "Error", "Error", "\"" + "x".repeat(257) + "\" is longer than the max tag length (256 characters).");
        List<JsonObject> d = log.stream().filter(call("d", "acceptWebSocket", "d")).collect(Collectors.toList());
        assertError(d.get(0), "Error", "Error",
                "\"" + "\u00e9".repeat(129) + "\" is longer than the max tag length (256 characters).");
        assertTrue(only(log, call("e", "acceptWebSocket", "e"), "e").getBoolean("ok"), "256 bytes is allowed");
        assertEquals(ids("x".repeat(256), "d"), only(log, call("e", "getTags", "e"), "getTags(e)").get("result"),
                "duplicates are dropped");
        assertEquals(List.of(text("c works")), received(s, "c"));
    }

    @Test
    void aClientCloseIsNotAnsweredAndTheSocketIsListedUntilTheHandlerReturned() {
        JsonObject s = scenario("client-close");
        assertEquals(List.of(), received(s, "a"), "no Close reply, no end of TCP");
        JsonObject close = only(log(s, "o"), handler("webSocketClose", "a"), "webSocketClose");
        assertEquals(2, close.getInt("readyState"));
        assertEquals(4001, close.getInt("code"));
        assertEquals("bye", close.getString("reason"));
        assertTrue(close.getBoolean("wasClean"));
        assertTrue(close.getBoolean("listed"));
        assertEquals(ids("t"), close.get("tags"));
        assertEquals(Json.createObjectBuilder().add("k", 1).build(), close.get("attachment"));
        assertEquals(ids("b"), getResult(s, 0).get("body"), "gone once the handler returned");
    }

    @Test
    void anEmptyCloseIsCode1005AndCannotBeEchoed() {
        JsonObject s = scenario("empty-close");
        assertEquals(List.of(), received(s, "a"));
        List<JsonObject> log = log(s, "o");
        JsonObject close = only(log, handler("webSocketClose", "a"), "webSocketClose");
        assertEquals(1005, close.getInt("code"));
        assertEquals("", close.getString("reason"));
        assertTrue(close.getBoolean("wasClean"));
        assertError(only(log, call("a", "close", "a"), "onClose close"), "InvalidAccessError", "DOMException",
                "Invalid WebSocket close code: 1005.");
    }

    @Test
    void anAbruptDisconnectIs1006NotClean() {
        JsonObject s = scenario("abrupt-disconnect");
        List<JsonObject> log = log(s, "o");
        JsonObject close = only(log, handler("webSocketClose", "a"), "webSocketClose");
        assertEquals(2, close.getInt("readyState"));
        assertEquals(1006, close.getInt("code"));
        assertEquals(DISCONNECTED, close.getString("reason"));
        assertFalse(close.getBoolean("wasClean"));
        assertTrue(close.getBoolean("listed"));
        assertEquals(ids("t"), close.get("tags"));
        assertError(only(log, call("a", "close", "a"), "onClose close"), "InvalidAccessError", "DOMException",
                "Invalid WebSocket close code: 1006.");
        assertEquals(ids("b"), getResult(s, 0).get("body"));
    }

    @Test
    void anObjectsOwnCloseEndsTheConnectionAfterTheReply() {
        JsonObject s = scenario("object-closes");
        List<JsonObject> received = received(s, "a");
        assertEquals(Json.createObjectBuilder().add("frame", "close").add("code", 4002).add("reason", "srv").build(), received.get(0));
        assertEquals("eof", received.get(1).getString("end"), received::toString);
        assertTrue(received.get(1).getBoolean("afterClientClose"));
        assertEquals(2, received.size());
        List<JsonObject> closes = log(s, "o").stream().filter(call("a", "close", "a")).collect(Collectors.toList());
        assertError(closes.get(0), "InvalidAccessError", "DOMException", "Invalid WebSocket close code: 999.");
        assertError(closes.get(1), "InvalidAccessError", "DOMException",
                "If you specify a WebSocket close reason, you must also specify a code.");
        assertError(closes.get(2), "SyntaxError", "DOMException",
                "WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded.");
        assertTrue(closes.get(3).getBoolean("ok"));
        assertEquals(2, closes.get(3).getInt("readyStateAfter"));
        JsonObject sendAfter = only(log(s, "o"), call("a", "send", "a"), "send after close");
        assertEquals(2, sendAfter.getInt("readyStateBefore"));
        assertError(sendAfter, "TypeError", "TypeError", "Can't call WebSocket send() after close().");
        assertEquals(ids("a"), getResult(s, 0).get("body"), "still listed while CLOSING");
        JsonObject close = only(log(s, "o"), handler("webSocketClose", "a"), "webSocketClose");
        assertEquals(3, close.getInt("readyState"));
        assertEquals(4002, close.getInt("code"));
        assertEquals("reply", close.getString("reason"));
        assertTrue(close.getBoolean("wasClean"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, getResult(s, 1).get("body"));
    }

    @Test
    void aSocketClosedFromAnotherSocketsHandlerKeepsItsTcpConnection() {
        JsonObject s = scenario("close-from-another-handler");
        List<JsonObject> log = log(s, "o");
        JsonObject closeCall = only(log, call("b", "close", "a"), "b closes a");
        assertTrue(closeCall.getBoolean("ok"));
        assertEquals(2, closeCall.getInt("readyStateAfter"));
        JsonObject close = only(log, handler("webSocketClose", "a"), "webSocketClose");
        assertEquals(3, close.getInt("readyState"));
        assertEquals("ack", close.getString("reason"));
        // workerd's quirk (OBJECTS-OBSERVED.md): the runtime never ends this TCP connection
        assertEquals(List.of(Json.createObjectBuilder().add("frame", "close").add("code", 4003).add("reason", "by b").build()),
                received(s, "a"));
        assertEquals(ids("b"), getResult(s, 0).get("body"));
    }

    @Test
    void aProtocolErrorSends1002AndCallsWebSocketError() {
        JsonObject s = scenario("protocol-error");
        assertEquals(List.of(Json.createObjectBuilder().add("frame", "close").add("code", 1002).add("reason", "Unknown opcode 3").build()),
                received(s, "a"), "a Close 1002, and (quirk) the TCP connection stays open");
        JsonObject error = only(log(s, "o"), handler("webSocketError", "a"), "webSocketError");
        assertEquals(2, error.getInt("readyState"));
        assertEquals("Error", error.getString("error"));
        assertEquals("Error", error.getString("errorClass"));
        assertTrue(error.getBoolean("listed"));
        assertEquals(ids("t"), error.get("tags"));
        assertNull(log(s, "o").stream().filter(handler("webSocketClose", "a")).findFirst().orElse(null), "no webSocketClose");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, getResult(s, 0).get("body"));
    }
}
