package dev.wspair.conformance.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wspair.conformance.diff.Comparison.Outcome;
import dev.wspair.conformance.diff.Comparison.Status;
import dev.wspair.conformance.diff.Scenario.Facts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry's predicates are narrow: each documented difference is accepted in its exact shape,
 * and plausible regressions next to it still come out as DIFF. Needs no peer.
 */
class DocumentedTest {

    private static final String CUR = "2026-11-17";
    private static final String OLD = "2026-01-01";

    private static final String ACCEPT = "{\"op\":\"accept\",\"call\":\"accept\",\"readyStateBefore\":1,\"readyStateAfter\":1,\"ok\":true}";
    private static final String LOST = "{\"event\":\"error\",\"readyState\":3,\"message\":\"Uncaught Error: Network connection lost.\","
            + "\"error\":\"Error\",\"errorClass\":\"Error\"}";
    private static final String CLOSE_4000 = "{\"event\":\"close\",\"readyState\":3,\"code\":4000,\"reason\":\"x\",\"wasClean\":true}";

    private static Scenario scenario(Facts facts, String... options) {
        Scenario.Builder b = Scenario.named("synthetic").facts(facts);
        for (int i = 0; i < options.length; i += 2) {
            b.option(options[i], options[i + 1]);
        }
        return b.script(d -> { });
    }

    private static Observation obs(String peer, List<String> client, List<String> log) {
        Observation o = new Observation(peer, "id");
        o.handshakeStatus = 101;
        client.forEach(s -> o.client.add(json(s)));
        log.forEach(s -> o.log.add(json(s)));
        return o;
    }

    private static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

    private static Outcome compare(Scenario s, String date, Observation w, Observation j) {
        return Comparison.compare(s, date, w, j);
    }

    private static Outcome undertow(Scenario s, String date, Observation w, Observation j) {
        return Comparison.compare(s, date, Documented.Container.UNDERTOW, w, j);
    }

    @Test
    void identicalObservationsMatchAndErrorMessagesAreNotCompared() {
        Scenario s = scenario(Facts.NONE);
        String err = "{\"event\":\"error\",\"readyState\":3,\"message\":\"%s\",\"error\":\"Error\",\"errorClass\":\"Error\"}";
        Outcome o = compare(s, CUR, obs("w", List.of(), List.of(ACCEPT, String.format(err, "Uncaught Error: boom"))),
                obs("j", List.of(), List.of(ACCEPT, String.format(err, "Uncaught RuntimeException: boom"))));
        assertEquals(Status.MATCH, o.status());
    }

    @Test
    void errorMessagesOfThrownErrorsAreCompared() {
        Scenario s = scenario(Facts.NONE);
        String thrown = "{\"op\":\"close\",\"call\":\"close\",\"readyStateBefore\":1,\"readyStateAfter\":1,\"ok\":false,"
                + "\"error\":\"InvalidAccessError\",\"errorClass\":\"DOMException\",\"errorMessage\":\"%s\"}";
        String workerd = String.format(thrown, "Invalid WebSocket close code: 999.");
        assertEquals(Status.MATCH, compare(s, CUR, obs("w", List.of(), List.of(ACCEPT, workerd)),
                obs("j", List.of(), List.of(ACCEPT, workerd))).status());
        Outcome other = compare(s, CUR, obs("w", List.of(), List.of(ACCEPT, workerd)),
                obs("j", List.of(), List.of(ACCEPT, String.format(thrown, "Invalid close code: 999"))));
        assertEquals(Status.DIFF, other.status(), "another message is a difference");
        assertEquals(List.of("errorMessage"), other.remaining().stream().map(Differ.Difference::field).toList());
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", List.of(), List.of(ACCEPT, workerd)),
                obs("j", List.of(), List.of(ACCEPT, Differ.without(json(workerd), "errorMessage").toString()))).status(),
                "a missing message is a difference");
    }

    @Test
    void aTrailingErrorIsComparedLikeAnyEventOnEveryContainer() {
        Scenario s = scenario(Facts.clientCloses());
        List<String> client = List.of("{\"frame\":\"close\",\"code\":4000,\"reason\":\"x\"}", "{\"end\":\"eof\",\"afterClientClose\":true}");
        assertEquals(Status.MATCH, compare(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000, LOST)),
                obs("j", client, List.of(ACCEPT, CLOSE_4000, LOST))).status(), "the engine sends the same trailing error");
        assertEquals(Status.MATCH, undertow(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000, LOST)),
                obs("j", client, List.of(ACCEPT, CLOSE_4000, LOST))).status(), "on Undertow too");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000, LOST)),
                obs("j", client, List.of(ACCEPT, CLOSE_4000))).status(), "a missing trailing error is a difference (retired D3)");
        assertEquals(Status.DIFF, undertow(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000, LOST)),
                obs("j", client, List.of(ACCEPT, CLOSE_4000))).status(), "on Undertow too");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000)),
                obs("j", client, List.of(ACCEPT, CLOSE_4000, LOST))).status(), "so is a trailing error workerd does not send");
    }

    @Test
    void d1AcceptsOnlyTheDataClass() {
        Scenario s = scenario(Facts.NONE);
        String blob = "{\"event\":\"message\",\"readyState\":1,\"type\":\"binary\",\"hex\":\"00ff\",\"dataClass\":\"Blob\"}";
        String ab = blob.replace("Blob", "ArrayBuffer");
        assertEquals(Status.DOCUMENTED, compare(s, CUR, obs("w", List.of(), List.of(ACCEPT, blob)),
                obs("j", List.of(), List.of(ACCEPT, ab))).status());
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", List.of(), List.of(ACCEPT, blob)),
                obs("j", List.of(), List.of(ACCEPT, ab.replace("00ff", "00fe")))).status(), "other bytes");
    }


    @Test
    void d5NeedsAFinishedConnection() {
        String later = "{\"op\":\"onClose\",\"call\":\"close\",\"readyStateBefore\":2,\"readyStateAfter\":3,\"ok\":true}";
        String halfOpenEvent = CLOSE_4000.replace("\"readyState\":3", "\"readyState\":2");
        Scenario halfOpen = scenario(Facts.clientCloses(), "halfOpen", "1", "onClose", "closeLater");
        assertEquals(Status.DIFF, compare(halfOpen, OLD, obs("w", List.of(), List.of(ACCEPT, halfOpenEvent)),
                obs("j", List.of(), List.of(ACCEPT, halfOpenEvent, later))).status(), "an open half-open connection keeps its timer");
        Scenario dropped = scenario(Facts.clientClosesThenDrops(), "halfOpen", "1", "onClose", "closeLater");
        assertEquals(Status.DOCUMENTED, compare(dropped, OLD, obs("w", List.of(), List.of(ACCEPT, halfOpenEvent)),
                obs("j", List.of(), List.of(ACCEPT, halfOpenEvent, later))).status());
    }

    /** D9 is gone on Tyrus: the bridge reports an empty Close as 1005 and echoes it empty, so Tyrus's 1000 is a difference. */
    @Test
    void anEmptyCloseReportedAs1000IsADifferenceOnTyrus() {
        String w = "{\"event\":\"close\",\"readyState\":3,\"code\":1005,\"reason\":\"\",\"wasClean\":true}";
        String j = "{\"event\":\"close\",\"readyState\":3,\"code\":1000,\"reason\":\"Normal closure.\",\"wasClean\":true}";
        List<String> wc = List.of("{\"frame\":\"close\",\"empty\":true}", END);
        List<String> jc = List.of("{\"frame\":\"close\",\"code\":1000,\"reason\":\"Normal closure.\"}", END);
        assertEquals(Status.DIFF, compare(scenario(Facts.clientClosesEmpty()), CUR, obs("w", wc, List.of(ACCEPT, w)),
                obs("j", jc, List.of(ACCEPT, j))).status(), "reported as 1000 and echoed with that body");
        assertEquals(Status.DIFF, compare(scenario(Facts.clientClosesEmpty()), CUR, obs("w", wc, List.of(ACCEPT, w)),
                obs("j", wc, List.of(ACCEPT, j))).status(), "reported as 1000");
        assertEquals(Status.DIFF, compare(scenario(Facts.clientClosesEmpty()), CUR, obs("w", wc, List.of(ACCEPT, w)),
                obs("j", jc, List.of(ACCEPT, w))).status(), "echoed as 1000");
    }

    @Test
    void d2NeedsANonStringTextThatWorkerdCoercedAndJavaRefused() {
        Scenario s = scenario(Facts.NONE);
        String command = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"{\\\"op\\\":\\\"send\\\",\\\"text\\\":5}\"}";
        String sent = "{\"op\":\"send\",\"call\":\"send\",\"readyStateBefore\":1,\"readyStateAfter\":1,\"ok\":true}";
        String refused = "{\"op\":\"send\",\"ok\":false,\"error\":\"BadCommand\"}";
        Outcome ok = compare(s, CUR, obs("w", List.of("{\"frame\":\"text\",\"data\":\"5\"}"), List.of(ACCEPT, command, sent)),
                obs("j", List.of(), List.of(ACCEPT, command, refused)));
        assertEquals(Status.DOCUMENTED, ok.status());
        assertEquals(List.of(Documented.D2), ok.applied());
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", List.of("{\"frame\":\"text\",\"data\":\"6\"}"), List.of(ACCEPT, command, sent)),
                obs("j", List.of(), List.of(ACCEPT, command, refused))).status(), "workerd sent something else than ToString(text)");
        String stringCommand = command.replace("5}", "\\\"5\\\"}");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", List.of("{\"frame\":\"text\",\"data\":\"5\"}"),
                List.of(ACCEPT, stringCommand, sent)), obs("j", List.of(), List.of(ACCEPT, stringCommand, refused))).status(),
                "Java must send a string text");
    }

    private static String clientClose(int code) {
        return "{\"frame\":\"close\",\"code\":" + code + ",\"reason\":\"odd\"}";
    }

    @Test
    void d10NeedsACodeTyrusRefusesAndItsText() {
        refusedCode(Documented.Container.TYRUS, "Illegal status code: 2999", Documented.D10);
        Scenario s = scenario(Facts.clientCloses());
        List<String> wc = List.of(clientClose(2999), END);
        String w2999 = "{\"event\":\"close\",\"readyState\":3,\"code\":2999,\"reason\":\"odd\",\"wasClean\":true}";
        String refused = refused("Illegal status code: 2999");
        assertEquals(Status.DIFF, compare(scenario(Facts.peerCloses(1000, "a")), CUR, obs("w", wc, List.of(ACCEPT, w2999)),
                obs("j", List.of("{\"frame\":\"close\",\"code\":1002,\"reason\":\"Illegal status code: 2999\"}", END),
                        List.of(ACCEPT, refused))).status(), "the client did not close first");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", wc, List.of(ACCEPT, w2999)),
                obs("j", List.of(END), List.of(ACCEPT, refused))).status(), "no Close(1002) on the wire");
    }

    @Test
    void d10CoversARefusedCodeInTheAnswerToOurOwnCloseOnTyrusOnly() {
        Scenario s = scenario(Facts.peerCloses(2999, "x"));
        String msg = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"{\\\"op\\\":\\\"close\\\"}\"}";
        String op = "{\"op\":\"close\",\"call\":\"close\",\"readyStateBefore\":1,\"readyStateAfter\":2,\"ok\":true}";
        String w2999 = "{\"event\":\"close\",\"readyState\":3,\"code\":2999,\"reason\":\"x\",\"wasClean\":true}";
        String refused = refused("Illegal status code: 2999");
        List<String> client = List.of("{\"frame\":\"close\",\"code\":2999,\"reason\":\"x\"}", END);
        Outcome ok = compare(s, CUR, obs("w", client, List.of(ACCEPT, msg, op, w2999)), obs("j", client, List.of(ACCEPT, msg, op, refused)));
        assertEquals(Status.DOCUMENTED, ok.status());
        assertEquals(List.of(Documented.D10), ok.applied());
        assertEquals(Status.DIFF, undertow(s, CUR, obs("w", client, List.of(ACCEPT, msg, op, w2999)),
                obs("j", client, List.of(ACCEPT, msg, op, refused))).status(), "not on Undertow");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, msg, op, w2999.replace("2999", "3000"))),
                obs("j", client, List.of(ACCEPT, msg, op, refused("Illegal status code: 3000")))).status(), "Tyrus accepts 3000");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, msg, w2999)),
                obs("j", client, List.of(ACCEPT, msg, refused))).status(), "no own close before the answer");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, msg, op, w2999)),
                obs("j", List.of(END), List.of(ACCEPT, msg, op, refused))).status(), "the client frames still count");
    }

    /**
     * D10 and D10U: the client's close code 2999 refused by {@code container} with {@code text}
     * (Close 1002 and an error event) where workerd delivered it; 3000 is not refused.
     */
    private static void refusedCode(Documented.Container container, String text, Documented entry) {
        Documented.Container other = container == Documented.Container.TYRUS ? Documented.Container.UNDERTOW
                : Documented.Container.TYRUS;
        Scenario s = scenario(Facts.clientCloses());
        String w2999 = "{\"event\":\"close\",\"readyState\":3,\"code\":2999,\"reason\":\"odd\",\"wasClean\":true}";
        List<String> wc = List.of(clientClose(2999), END);
        List<String> jc = List.of("{\"frame\":\"close\",\"code\":1002,\"reason\":\"" + text + "\"}", END);
        Outcome ok = Comparison.compare(s, CUR, container, obs("w", wc, List.of(ACCEPT, w2999)), obs("j", jc, List.of(ACCEPT, refused(text))));
        assertEquals(Status.DOCUMENTED, ok.status());
        assertEquals(List.of(entry), ok.applied());
        assertEquals(Status.DIFF, Comparison.compare(s, CUR, other, obs("w", wc, List.of(ACCEPT, w2999)),
                obs("j", jc, List.of(ACCEPT, refused(text)))).status(), "not on " + other);
        String w3000 = w2999.replace("2999", "3000");
        String text3000 = text.replace("2999", "3000");
        assertEquals(Status.DIFF, Comparison.compare(s, CUR, container, obs("w", List.of(clientClose(3000), END), List.of(ACCEPT, w3000)),
                obs("j", List.of("{\"frame\":\"close\",\"code\":1002,\"reason\":\"" + text3000 + "\"}", END),
                        List.of(ACCEPT, refused(text3000)))).status(), container + " accepts 3000");
        assertEquals(Status.DIFF, Comparison.compare(s, CUR, container, obs("w", wc, List.of(ACCEPT, w2999)),
                obs("j", List.of("{\"frame\":\"close\",\"code\":1011,\"reason\":\"" + text + "\"}", END),
                        List.of(ACCEPT, refused(text)))).status(), "another Close on the wire");
    }

    @Test
    void d11NeedsADateWithoutTheLimitAndACutAtACodePoint() {
        Scenario s = scenario(Facts.peerCloses(1000, "x"));
        String reason = "\u00e9".repeat(62);
        String workerd = "{\"frame\":\"close\",\"code\":1000,\"reason\":\"" + reason + "\"}";
        String java = "{\"frame\":\"close\",\"code\":1000,\"reason\":\"" + "\u00e9".repeat(61) + "\"}";
        Outcome ok = compare(s, OLD, obs("w", List.of(workerd, END), List.of(ACCEPT)), obs("j", List.of(java, END), List.of(ACCEPT)));
        assertEquals(Status.DOCUMENTED, ok.status());
        assertEquals(List.of(Documented.D11), ok.applied());
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", List.of(workerd, END), List.of(ACCEPT)),
                obs("j", List.of(java, END), List.of(ACCEPT))).status(), "the current date has the limit");
        String cutShort = "{\"frame\":\"close\",\"code\":1000,\"reason\":\"" + "\u00e9".repeat(60) + "\"}";
        assertEquals(Status.DIFF, compare(s, OLD, obs("w", List.of(workerd, END), List.of(ACCEPT)),
                obs("j", List.of(cutShort, END), List.of(ACCEPT))).status(), "cut more than needed");
        assertEquals(Status.DIFF, compare(s, OLD, obs("w", List.of(workerd, END), List.of(ACCEPT)),
                obs("j", List.of(java.replace("1000", "1001"), END), List.of(ACCEPT))).status(), "another code");
    }

    // ---------------------------------------------------------------- Undertow variants

    private static final String END = "{\"end\":\"eof\",\"afterClientClose\":true}";
    private static final String HALF_4000 = "{\"event\":\"close\",\"readyState\":2,\"code\":4000,\"reason\":\"x\",\"wasClean\":true}";
    private static final String ECHO_4000 = "{\"frame\":\"close\",\"code\":4000,\"reason\":\"x\"}";

    /** D8 is gone: our own first Close goes out with an empty body on Tyrus too, so a Close(1000) instead is a difference. */
    @Test
    void anOwnCloseWithoutCodeSentAs1000IsADifferenceEverywhere() {
        Scenario s = scenario(Facts.peerCloses(1005, ""));
        List<String> log = List.of(ACCEPT);
        Observation w = obs("w", List.of("{\"frame\":\"close\",\"empty\":true}", END), log);
        Observation j = obs("j", List.of("{\"frame\":\"close\",\"code\":1000,\"reason\":\"\"}", END), log);
        assertEquals(Status.DIFF, compare(s, CUR, w, j).status(), "Tyrus");
        assertEquals(Status.DIFF, undertow(s, CUR, w, j).status(), "Undertow sends the empty body");
    }

    private static String refused(String description) {
        return "{\"event\":\"error\",\"readyState\":3,\"message\":\"Uncaught Error: WebSocket protocol error; "
                + "protocolError.statusCode = 1002; protocolError.description = " + description
                + "\",\"error\":\"Error\",\"errorClass\":\"Error\"}";
    }

    @Test
    void d10uNeedsACodeUndertowRefusesAndItsText() {
        refusedCode(Documented.Container.UNDERTOW, "UT002026: Invalid close frame status code: 2999", Documented.D10U);
        Scenario s = scenario(Facts.clientCloses());
        String w2999 = "{\"event\":\"close\",\"readyState\":3,\"code\":2999,\"reason\":\"odd\",\"wasClean\":true}";
        String tyrusText = "Illegal status code: 2999";
        assertEquals(Status.DIFF, undertow(s, CUR, obs("w", List.of(clientClose(2999), END), List.of(ACCEPT, w2999)),
                obs("j", List.of("{\"frame\":\"close\",\"code\":1002,\"reason\":\"" + tyrusText + "\"}", END),
                        List.of(ACCEPT, refused(tyrusText)))).status(), "Tyrus's text");
        // the client's answer to the peer's own first Close, with a code Undertow refuses
        Scenario own = scenario(Facts.peerCloses(2999, "x"));
        String msg = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"{}\"}";
        String op = "{\"op\":\"close\",\"call\":\"close\",\"readyStateBefore\":1,\"readyStateAfter\":2,\"ok\":true}";
        String answered = "{\"event\":\"close\",\"readyState\":3,\"code\":2999,\"reason\":\"x\",\"wasClean\":true}";
        String undertowText = "UT002026: Invalid close frame status code: 2999";
        List<String> client = List.of("{\"frame\":\"close\",\"code\":2999,\"reason\":\"x\"}", END);
        Outcome answer = undertow(own, CUR, obs("w", client, List.of(ACCEPT, msg, op, answered)),
                obs("j", client, List.of(ACCEPT, msg, op, refused(undertowText))));
        assertEquals(List.of(Documented.D10U), answer.applied());
        assertEquals(Status.DIFF, undertow(own, CUR, obs("w", client, List.of(ACCEPT, msg, op, answered)),
                obs("j", client, List.of(ACCEPT, msg, op, refused(tyrusText)))).status(), "Tyrus's text in the answer");
        assertTrue(Documented.refusedByUndertow(2999) && Documented.refusedByUndertow(1006) && Documented.refusedByUndertow(1012)
                && !Documented.refusedByUndertow(1011) && !Documented.refusedByUndertow(3000));
    }

    @Test
    void d12NeedsTyrusTextAndAReplacementCharacter() {
        invalidUtf8(Documented.Container.TYRUS, "Illegal UTF-8 Sequence.", Documented.D12);
    }

    @Test
    void d12uNeedsUndertowsTextAndAReplacementCharacter() {
        invalidUtf8(Documented.Container.UNDERTOW, "UT002003: Text frame contains non UTF-8 data", Documented.D12U);
    }

    /** D12 and D12U: the container's {@code text} in a 1007 error, where workerd delivered U+FFFD. */
    private static void invalidUtf8(Documented.Container container, String text, Documented entry) {
        Documented.Container other = container == Documented.Container.TYRUS ? Documented.Container.UNDERTOW
                : Documented.Container.TYRUS;
        Scenario s = scenario(Facts.clientCloses());
        String message = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"a\ufffdb\"}";
        String error = "{\"event\":\"error\",\"readyState\":3,\"message\":\"Uncaught Error: WebSocket protocol error; "
                + "protocolError.statusCode = 1007; protocolError.description = " + text
                + "\",\"error\":\"Error\",\"errorClass\":\"Error\"}";
        String close = "{\"event\":\"close\",\"readyState\":3,\"code\":1000,\"reason\":\"end\",\"wasClean\":true}";
        List<String> wc = List.of("{\"frame\":\"text\",\"data\":\"a\ufffdb\"}", "{\"frame\":\"close\",\"code\":1000,\"reason\":\"end\"}", END);
        List<String> jc = List.of("{\"frame\":\"close\",\"code\":1007,\"reason\":\"" + text + "\"}",
                "{\"end\":\"eof\",\"afterClientClose\":false}");
        Outcome ok = Comparison.compare(s, CUR, container, obs("w", wc, List.of(ACCEPT, message, close, LOST)),
                obs("j", jc, List.of(ACCEPT, error)));
        assertEquals(Status.DOCUMENTED, ok.status());
        assertTrue(ok.applied().contains(entry));
        assertEquals(Status.DIFF, Comparison.compare(s, CUR, other, obs("w", wc, List.of(ACCEPT, message, close, LOST)),
                obs("j", jc, List.of(ACCEPT, error))).status(), "not on " + other);
        String valid = message.replace("a\ufffdb", "ab");
        assertEquals(Status.DIFF, Comparison.compare(s, CUR, container, obs("w", wc, List.of(ACCEPT, valid, close, LOST)),
                obs("j", jc, List.of(ACCEPT, error))).status(), "valid text must not fail");
        assertEquals(Status.DIFF, Comparison.compare(s, CUR, container, obs("w", wc, List.of(ACCEPT, message, close, LOST)),
                obs("j", List.of("{\"frame\":\"close\",\"code\":1002,\"reason\":\"" + text + "\"}", END),
                        List.of(ACCEPT, error))).status(), "another code on the wire");
    }

    private static final String MSG_A = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"a\"}";
    private static final String MSG_B = "{\"event\":\"message\",\"readyState\":1,\"type\":\"binary\",\"hex\":\"0102\",\"dataClass\":\"ArrayBuffer\"}";
    private static final String CLOSE_END = "{\"event\":\"close\",\"readyState\":3,\"code\":1000,\"reason\":\"end\",\"wasClean\":true}";
    private static final String FRAME_END = "{\"frame\":\"close\",\"code\":1000,\"reason\":\"end\"}";

    private static final String CMD = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"{\\\"op\\\":\\\"close\\\",\\\"code\\\":1000,\\\"reason\\\":\\\"a\\\"}\"}";
    private static final String OWN_OP = "{\"op\":\"close\",\"call\":\"close\",\"readyStateBefore\":1,\"readyStateAfter\":2,\"ok\":true}";
    private static final String PEER_B = "{\"event\":\"close\",\"readyState\":3,\"code\":4000,\"reason\":\"b\",\"wasClean\":true}";
    private static final String OWN_A = "{\"event\":\"close\",\"readyState\":3,\"code\":1000,\"reason\":\"a\",\"wasClean\":true}";
    private static final String FRAME_A = "{\"frame\":\"close\",\"code\":1000,\"reason\":\"a\"}";
    private static final String FRAME_B = "{\"frame\":\"close\",\"code\":4000,\"reason\":\"b\"}";

    // ---------------------------------------------------------------- Undertow's old closing differences, retired

    /**
     * What Undertow did before wspair read its frames (README D7, D9, D10, D24, D25 on Undertow, registry
     * D7, D9U, ECHO_U, ONE_WRITE_U, CROSSED_U, CROSSED_SILENT_U): none of it is accepted any more.
     */
    @Test
    void undertowsOldClosingDifferencesAreDifferencesNow() {
        String msg = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"{\\\"op\\\":\\\"close\\\"}\"}";
        String op = "{\"op\":\"close\",\"call\":\"close\",\"readyStateBefore\":1,\"readyStateAfter\":2,\"ok\":true}";
        String answer = "{\"event\":\"close\",\"readyState\":3,\"code\":4100,\"reason\":\"reply\",\"wasClean\":true}";
        String own = "{\"event\":\"close\",\"readyState\":3,\"code\":1000,\"reason\":\"bye\",\"wasClean\":true}";
        String frame = "{\"frame\":\"close\",\"code\":1000,\"reason\":\"bye\"}";
        assertEquals(Status.DIFF, undertow(scenario(Facts.peerCloses(1000, "bye")), CUR,
                obs("w", List.of(frame, END), List.of(ACCEPT, msg, op, answer)),
                obs("j", List.of(frame, "{\"end\":\"eof\",\"afterClientClose\":false}"), List.of(ACCEPT, msg, op, own))).status(),
                "D7: the own code at once instead of the peer's answer");

        String empty = "{\"event\":\"close\",\"readyState\":3,\"code\":1005,\"reason\":\"\",\"wasClean\":true}";
        assertEquals(Status.DIFF, undertow(scenario(Facts.clientClosesEmpty()), CUR,
                obs("w", List.of("{\"frame\":\"close\",\"empty\":true}", END), List.of(ACCEPT, empty)),
                obs("j", List.of("{\"frame\":\"close\",\"code\":1000,\"reason\":\"\"}", END),
                        List.of(ACCEPT, empty.replace("1005", "1000")))).status(), "D9U: an empty Close as 1000");

        Scenario halfOpen = scenario(Facts.clientCloses(), "halfOpen", "1");
        assertEquals(Status.DIFF, undertow(halfOpen, CUR, obs("w", List.of(), List.of(ACCEPT, HALF_4000)),
                obs("j", List.of(ECHO_4000, END), List.of(ACCEPT, HALF_4000))).status(), "ECHO_U: the echo before the application");

        Scenario oneWrite = scenario(Facts.clientCloses().withCloseInOneWrite());
        List<String> log = List.of(ACCEPT, MSG_A, MSG_B, CLOSE_END);
        assertEquals(Status.DIFF, undertow(oneWrite, CUR,
                obs("w", List.of("{\"frame\":\"text\",\"data\":\"a\"}", "{\"frame\":\"binary\",\"hex\":\"0102\"}", FRAME_END, END), log),
                obs("j", List.of(FRAME_END, END), log)).status(), "ONE_WRITE_U: the replies lost behind the echo");

        Scenario crossed = scenario(Facts.peerCloses(1000, "a").withCloseInOneWrite());
        List<String> crossedLog = List.of(ACCEPT, CMD, OWN_OP, PEER_B);
        assertEquals(Status.DIFF, undertow(crossed, CUR, obs("w", List.of(FRAME_A, END), crossedLog),
                obs("j", List.of(FRAME_B, END), crossedLog)).status(), "CROSSED_U: the echo instead of our Close");
        assertEquals(Status.DIFF, undertow(crossed, OLD, obs("w", List.of(FRAME_A, END), crossedLog),
                obs("j", List.of(), List.of(ACCEPT, CMD, OWN_OP, OWN_A))).status(), "CROSSED_SILENT_U: nothing on the wire");
    }

    @Test
    void truncationKeepsCodePoints() {
        assertEquals("\u00e9".repeat(61), Documented.truncate("\u00e9".repeat(62), 123));
        assertEquals("a".repeat(123), Documented.truncate("a".repeat(124), 123));
        assertTrue(Documented.refusedByTyrus(2999) && Documented.refusedByTyrus(1006) && !Documented.refusedByTyrus(3000)
                && !Documented.refusedByTyrus(1013) && Documented.refusedByTyrus(1014));
    }
}
