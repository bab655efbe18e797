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

    @Test
    void identicalObservationsMatchAndErrorMessagesAreNotCompared() {
        Scenario s = scenario(Facts.NONE);
        String err = "{\"event\":\"error\",\"readyState\":3,\"message\":\"%s\",\"error\":\"Error\",\"errorClass\":\"Error\"}";
        Outcome o = compare(s, CUR, obs("w", List.of(), List.of(ACCEPT, String.format(err, "Uncaught Error: boom"))),
                obs("j", List.of(), List.of(ACCEPT, String.format(err, "Uncaught RuntimeException: boom"))));
        assertEquals(Status.MATCH, o.status());
    }

    @Test
    void d3AcceptsOnlyTheTrailingNetworkLostError() {
        Scenario s = scenario(Facts.clientCloses());
        List<String> client = List.of("{\"frame\":\"close\",\"code\":4000,\"reason\":\"x\"}", "{\"end\":\"eof\",\"afterClientClose\":true}");
        Outcome ok = compare(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000, LOST)), obs("j", client, List.of(ACCEPT, CLOSE_4000)));
        assertEquals(Status.DOCUMENTED, ok.status());
        assertEquals(List.of(Documented.D3), ok.applied());

        String otherError = LOST.replace("Network connection lost.", "internal error; reference = 1");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000, otherError)),
                obs("j", client, List.of(ACCEPT, CLOSE_4000))).status(), "another error message is not D3");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, LOST, CLOSE_4000)),
                obs("j", client, List.of(ACCEPT, CLOSE_4000))).status(), "an error before the close event is not D3");
        String java1006 = CLOSE_4000.replace("4000", "1006");
        assertEquals(Status.DIFF, compare(s, CUR, obs("w", client, List.of(ACCEPT, CLOSE_4000, LOST)),
                obs("j", client, List.of(ACCEPT, java1006))).status(), "D3 does not hide a different close event");
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
    void d7AcceptsTheOwnCloseButNotAnotherCodeOrAMissingFrame() {
        Scenario s = scenario(Facts.peerCloses(1000, "bye"));
        String msg = "{\"event\":\"message\",\"readyState\":1,\"type\":\"text\",\"data\":\"{\\\"op\\\":\\\"close\\\"}\"}";
        String op = "{\"op\":\"close\",\"call\":\"close\",\"readyStateBefore\":1,\"readyStateAfter\":2,\"ok\":true}";
        String wEvent = "{\"event\":\"close\",\"readyState\":3,\"code\":4100,\"reason\":\"reply\",\"wasClean\":true}";
        String own = "{\"event\":\"close\",\"readyState\":3,\"code\":1000,\"reason\":\"bye\",\"wasClean\":true}";
        String frame = "{\"frame\":\"close\",\"code\":1000,\"reason\":\"bye\"}";
        Observation w = obs("w", List.of(frame, "{\"end\":\"eof\",\"afterClientClose\":true}"), List.of(ACCEPT, msg, op, wEvent));
        Outcome ok = compare(s, CUR, w, obs("j", List.of(frame, "{\"end\":\"eof\",\"afterClientClose\":false}"),
                List.of(ACCEPT, msg, op, own)));
        assertEquals(Status.DOCUMENTED, ok.status());
        assertEquals(List.of(Documented.D7), ok.applied());

        assertEquals(Status.DIFF, compare(s, CUR, w, obs("j", List.of(frame, "{\"end\":\"eof\",\"afterClientClose\":false}"),
                List.of(ACCEPT, msg, op, own.replace("1000", "1001")))).status(), "not the own code");
        assertEquals(Status.DIFF, compare(s, CUR, w, obs("j", List.of("{\"end\":\"eof\",\"afterClientClose\":true}"),
                List.of(ACCEPT, msg, op, own))).status(), "no Close frame on the wire");
        assertEquals(Status.DIFF, compare(s, CUR, w, obs("j", List.of("{\"frame\":\"close\",\"code\":4000,\"reason\":\"b\"}",
                "{\"end\":\"eof\",\"afterClientClose\":true}"), List.of(ACCEPT, msg, op, own))).status(), "a wrong Close frame");
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

    @Test
    void d9NeedsAnEmptyCloseFromTheClient() {
        String w = "{\"event\":\"close\",\"readyState\":3,\"code\":1005,\"reason\":\"\",\"wasClean\":true}";
        String j = "{\"event\":\"close\",\"readyState\":3,\"code\":1000,\"reason\":\"Normal closure.\",\"wasClean\":true}";
        assertEquals(Status.DOCUMENTED, compare(scenario(Facts.clientClosesEmpty()), CUR, obs("w", List.of(), List.of(ACCEPT, w)),
                obs("j", List.of(), List.of(ACCEPT, j))).status());
        assertEquals(Status.DIFF, compare(scenario(Facts.clientCloses()), CUR, obs("w", List.of(), List.of(ACCEPT, w)),
                obs("j", List.of(), List.of(ACCEPT, j))).status());
    }

    @Test
    void truncationKeepsCodePoints() {
        assertEquals("\u00e9".repeat(61), Documented.truncate("\u00e9".repeat(62), 123));
        assertEquals("a".repeat(123), Documented.truncate("a".repeat(124), 123));
        assertTrue(Documented.refusedByTyrus(2999) && Documented.refusedByTyrus(1006) && !Documented.refusedByTyrus(3000));
    }
}
