package dev.wspair.conformance.diff;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry of documented differences between the workerd peer and the Java peer. Each entry
 * names the README "Differences from workerd" row it corresponds to (an existing row, or a proposed
 * one) and has a narrow predicate: {@link #apply} rewrites (copies of) the two observations only
 * where exactly that difference shows, so that what is left can be compared again, and says
 * whether it rewrote anything. A difference that matches no entry stays a DIFF.
 *
 * <p>Entries are applied in {@link #ORDER}; later ones see the rewrites of earlier ones.
 */
public enum Documented {

    D1("D1", "binary messages are a Blob in workerd from 2026-03-17 (binaryType \"blob\"); the Java API has no Blob",
            "a binary `message` entry at the same index with the same readyState and hex has dataClass \"Blob\" on "
                    + "workerd and \"ArrayBuffer\" on Java") {
        @Override
        boolean apply(Context c) {
            boolean changed = false;
            int n = Math.min(c.workerd().log.size(), c.java().log.size());
            for (int i = 0; i < n; i++) {
                JsonObject w = c.workerd().log.get(i);
                JsonObject j = c.java().log.get(i);
                if (isBinaryMessage(w) && isBinaryMessage(j) && "Blob".equals(str(w, "dataClass"))
                        && "ArrayBuffer".equals(str(j, "dataClass"))) {
                    JsonObject rewritten = Differ.with(w, "dataClass", Json.createValue("ArrayBuffer"));
                    if (rewritten.equals(j)) {
                        c.workerd().log.set(i, rewritten);
                        changed = true;
                    }
                }
            }
            return changed;
        }
    },

    D2("D2", "send() takes typed arguments in Java (no ToString coercion): the Java peer cannot send a non-string "
            + "`text`",
            "for a `send` command whose `text` is a JSON non-string (number, bool, null or absent): workerd logs "
                    + "{op:send,call:send,ok:true} and the client receives ToString(text) as a text frame; Java logs "
                    + "{op:send,ok:false,error:BadCommand} and sends nothing") {
        @Override
        boolean apply(Context c) {
            boolean changed = false;
            List<JsonObject> w = c.workerd().log;
            List<JsonObject> j = c.java().log;
            for (int i = 1; i < Math.min(w.size(), j.size()); i++) {
                JsonObject command = command(w.get(i - 1));
                if (command == null || !"send".equals(str(command, "op")) || !w.get(i - 1).equals(j.get(i - 1))) {
                    continue;
                }
                JsonValue text = command.get("text");
                if (text != null && text.getValueType() == JsonValue.ValueType.STRING) {
                    continue;
                }
                String coerced = text == null ? "undefined" : text.toString();
                JsonObject we = w.get(i);
                JsonObject je = j.get(i);
                if (Observation.isOp(we, "send", "send") && Boolean.TRUE.equals(bool(we, "ok"))
                        && je.equals(Json.createObjectBuilder().add("op", "send").add("ok", false).add("error", "BadCommand").build())) {
                    int frame = indexOf(c.workerd().client, Json.createObjectBuilder().add("frame", "text").add("data", coerced).build());
                    if (frame >= 0) {
                        c.workerd().client.remove(frame);
                        w.set(i, je);
                        changed = true;
                    }
                }
            }
            return changed;
        }
    },

    D3("D3 (Undertow, not yet checked)", "workerd's trailing error event \"Network connection lost.\" after a socket "
            + "answered its peer's Close; the engine sends it too (TrailingError), which the embedded run (Tyrus) "
            + "shows; kept for Undertow until a WildFly run shows that its ending of the session does not drop it",
            "Undertow only; the LAST entry of the workerd log is {event:error, readyState:3, message:\"Uncaught Error: "
                    + "Network connection lost.\", error:Error, errorClass:Error}, it comes after a close event, and "
                    + "the Java log has no error entry after its close event") {
        @Override
        boolean apply(Context c) {
            List<JsonObject> w = c.workerd().log;
            if (c.container() != Container.UNDERTOW || w.isEmpty()) {
                return false;
            }
            JsonObject last = w.get(w.size() - 1);
            int wClose = c.workerd().indexOfCloseEvent();
            int jClose = c.java().indexOfCloseEvent();
            if (!isNetworkLost(last) || wClose < 0 || wClose > w.size() - 2 || jClose < 0) {
                return false;
            }
            for (int i = jClose; i < c.java().log.size(); i++) {
                if (Observation.isEvent(c.java().log.get(i), "error")) {
                    return false;
                }
            }
            w.remove(w.size() - 1);
            return true;
        }
    },

    D5("D5 (extend)", "a 50 ms timer set in the close handler (onClose=closeLater) is dropped by workerd once the "
            + "connection is over (auto-replied, or lost), because the request context ends; Java has no request "
            + "context and runs it",
            "option onClose=closeLater; the Java log's last entry is {op:onClose,call:close} and the workerd log is the "
                    + "Java log without it; the close event is an auto-replied one (readyState 3, wasClean true), a "
                    + "loss (1006, wasClean false), or a half-open one after which the scenario's client reset TCP") {
        @Override
        boolean apply(Context c) {
            if (!"closeLater".equals(c.scenario().options().get("onClose"))) {
                return false;
            }
            List<JsonObject> w = c.workerd().log;
            List<JsonObject> j = c.java().log;
            if (j.size() != w.size() + 1 || !Observation.isOp(j.get(j.size() - 1), "onClose", "close")) {
                return false;
            }
            int close = c.workerd().indexOfCloseEvent();
            if (close < 0) {
                return false;
            }
            JsonObject event = w.get(close);
            boolean finished = (Integer.valueOf(3).equals(Observation.integer(event, "readyState"))
                    && Boolean.TRUE.equals(bool(event, "wasClean")))
                    || (Integer.valueOf(1006).equals(Observation.integer(event, "code"))
                            && Boolean.FALSE.equals(bool(event, "wasClean")))
                    || (c.scenario().facts().clientDropsAfterClose()
                            && Integer.valueOf(2).equals(Observation.integer(event, "readyState")));
            if (!finished) {
                return false;
            }
            j.remove(j.size() - 1);
            return true;
        }
    },

    D7("D7", "Undertow: after its own close(), the Java socket's close event fires at once with its OWN code and reason "
            + "(readyState 3, wasClean true) and the container cuts TCP without reading the peer's answer; workerd "
            + "waits and reports the peer's answer (its code and reason, data sent before it, or a 1006 loss). On "
            + "Tyrus our Close goes out alone and the socket reads the answer, as workerd",
            "Undertow only; the scenario's peer closes first; after the same successful close op (readyState 1->2): the Java close "
                    + "event is (own code, own reason or its D11 truncation, wasClean true, rs 3); the workerd close event is a clean one "
                    + "(rs 3) or a loss (1006, wasClean false, rs 2); Java's entries between the op and the event are "
                    + "a prefix of workerd's, and workerd's extra ones are the processing of client messages that "
                    + "arrived while CLOSING (message events at rs 2 and the calls they triggered, rs 2 -> 2); on the "
                    + "client, Java's TCP end directly follows the peer's Close frame (usually before the client could "
                    + "answer: afterClientClose=false) and workerd has no frame after that Close") {
        @Override
        boolean apply(Context c) {
            Scenario.Facts facts = c.scenario().facts();
            if (c.container() != Container.UNDERTOW || !facts.peerCloses()) {
                return false;
            }
            List<JsonObject> w = c.workerd().log;
            List<JsonObject> j = c.java().log;
            int k = firstOwnClose(w);
            if (k < 0 || k != firstOwnClose(j)) {
                return false;
            }
            int wc = nextCloseEvent(w, k);
            int jc = nextCloseEvent(j, k);
            if (wc < 0 || jc < 0) {
                return false;
            }
            JsonObject je = j.get(jc);
            JsonObject we = w.get(wc);
            JsonObject expected = Json.createObjectBuilder().add("event", "close").add("readyState", 3)
                    .add("code", facts.ownCode()).add("reason", facts.ownReason()).add("wasClean", true).build();
            // before 2026-03-03 an own reason over 123 bytes goes out truncated (D11); the event may carry either
            JsonObject truncated = Differ.with(expected, "reason", Json.createValue(truncate(facts.ownReason(), 123)));
            if (!je.equals(expected) && !(c.date().compareTo("2026-03-03") < 0 && je.equals(truncated))) {
                return false;
            }
            boolean clean = Integer.valueOf(3).equals(Observation.integer(we, "readyState")) && Boolean.TRUE.equals(bool(we, "wasClean"));
            boolean lost = Integer.valueOf(1006).equals(Observation.integer(we, "code")) && Boolean.FALSE.equals(bool(we, "wasClean"))
                    && Integer.valueOf(2).equals(Observation.integer(we, "readyState"));
            if (!clean && !lost) {
                return false;
            }
            List<JsonObject> wm = w.subList(k + 1, wc);
            List<JsonObject> jm = j.subList(k + 1, jc);
            if (jm.size() > wm.size() || !Differ.normalizeLog(jm).equals(Differ.normalizeLog(wm.subList(0, jm.size())))) {
                return false;
            }
            List<JsonObject> extras = wm.subList(jm.size(), wm.size());
            if (!extras.isEmpty() && !Observation.isEvent(extras.get(0), "message")) {
                return false;
            }
            for (JsonObject extra : extras) {
                boolean lateMessage = Observation.isEvent(extra, "message")
                        && Integer.valueOf(2).equals(Observation.integer(extra, "readyState"));
                boolean callWhileClosing = extra.containsKey("call")
                        && Integer.valueOf(2).equals(Observation.integer(extra, "readyStateBefore"))
                        && Integer.valueOf(2).equals(Observation.integer(extra, "readyStateAfter"));
                if (!lateMessage && !callWhileClosing) {
                    return false;
                }
            }
            // client: the peer's Close frame, then Java's TCP end before the client answered
            int cw = firstCloseFrame(c.workerd().client);
            int cj = firstCloseFrame(c.java().client);
            if (cw < 0 || cw != cj || c.java().client.size() != cj + 2) {
                return false;
            }
            JsonObject jEnd = c.java().client.get(cj + 1);
            if (!jEnd.containsKey("end")) {
                return false;
            }
            for (JsonObject after : c.workerd().client.subList(cw + 1, c.workerd().client.size())) {
                if (!after.containsKey("end")) {
                    return false;
                }
            }
            boolean changed = false;
            List<JsonObject> newLog = new ArrayList<>(w.subList(0, k + 1 + jm.size()));
            newLog.add(je);
            newLog.addAll(w.subList(wc + 1, w.size()));
            if (!newLog.equals(w)) {
                w.clear();
                w.addAll(newLog);
                changed = true;
            }
            List<JsonObject> newClient = new ArrayList<>(c.workerd().client.subList(0, cw + 1));
            newClient.add(jEnd);
            if (!newClient.equals(c.workerd().client)) {
                c.workerd().client.clear();
                c.workerd().client.addAll(newClient);
                changed = true;
            }
            return changed;
        }
    },

    D10("D21", "received close codes that Tyrus refuses (below 1000, 1004-1006, "
            + "1012-2999, above 4999) are a protocol error: Close(1002, \"Illegal status code: N\") to the peer and an "
            + "error event (no close event); workerd delivers any code and auto-replies with it",
            "Tyrus only; the client closes first with code N; at the same index workerd logs a close event with code N "
                    + "and Java an "
                    + "error event whose message is the protocol error for 1002 \"Illegal status code: N\" (or \"Illegal "
                    + "close code\"); both logs end there; Java's client gets exactly that Close(1002,...) and the TCP "
                    + "end where workerd's gets nothing or its echo Close(N, reason) and the end. Or the client answers "
                    + "the peer's own first Close with code N: both logs have the same close op (rs 1->2) and end at the "
                    + "same index, workerd's with the clean close event (N, rs 3), Java's with that error event") {
        @Override
        boolean apply(Context c) {
            return c.container() == Container.TYRUS && (refusedCloseCode(c, REFUSED_CODE, TYRUS_REFUSES)
                    || refusedAnswerCode(c, REFUSED_CODE, TYRUS_REFUSES));
        }
    },

    D11("D22", "without websocket_close_reason_byte_limit (dates before 2026-03-03) a close reason over 123 "
            + "UTF-8 bytes is sent by workerd in an oversize Close frame (more than 125 bytes); the containers refuse "
            + "it, so Java truncates the reason to 123 bytes at a character boundary",
            "compatibility date before 2026-03-03; at the same index the client receives a Close with the same code, "
                    + "whose reason is R (over 123 bytes) from workerd and R cut to at most 123 UTF-8 bytes at a code "
                    + "point boundary from Java") {
        @Override
        boolean apply(Context c) {
            if (c.date().compareTo("2026-03-03") >= 0) {
                return false;
            }
            int cw = firstCloseFrame(c.workerd().client);
            int cj = firstCloseFrame(c.java().client);
            if (cw < 0 || cw != cj) {
                return false;
            }
            JsonObject wf = c.workerd().client.get(cw);
            JsonObject jf = c.java().client.get(cj);
            String wr = str(wf, "reason");
            String jr = str(jf, "reason");
            if (wr == null || jr == null || utf8(wr) <= 123 || !Observation.integer(wf, "code").equals(Observation.integer(jf, "code"))
                    || !jr.equals(truncate(wr, 123))) {
                return false;
            }
            c.workerd().client.set(cw, jf);
            return true;
        }
    },

    D12("D23", "a text frame that is not valid UTF-8 is delivered by workerd with U+FFFD replacements; Tyrus "
            + "fails the connection: Close(1007, \"Illegal UTF-8 Sequence.\") to the peer and an error event (the "
            + "protocol-error shape), no message event",
            "Tyrus only; at the same index workerd logs a text message event containing U+FFFD and Java an error event "
                    + "whose message is the protocol error 1007 \"Illegal UTF-8 Sequence.\", which ends the Java log; Java's "
                    + "client received exactly workerd's frames before that message's echo, then Close(1007, \"Illegal "
                    + "UTF-8 Sequence.\") and the TCP end") {
        @Override
        boolean apply(Context c) {
            return c.container() == Container.TYRUS && invalidUtf8(c, "Illegal UTF-8 Sequence.");
        }
    },

    // ---------------------------------------------------------------- Undertow (WildFly)

    D9U("D9 (Undertow variant)", "a Close with an empty body received from the peer is reported by Undertow as (1000, "
            + "\"\"), not (1005, \"\"), and echoed as Close(1000, \"\") (a 2-byte body); so close(event.code) in the "
            + "handler succeeds in Java where workerd's close(1005) throws InvalidAccessError",
            "Undertow only; the client sends an empty-body Close; the workerd close event has (1005, \"\") where Java's "
                    + "has (1000, \"\") with the same readyState and wasClean; an echo Close is {empty:true} on workerd "
                    + "and (1000,\"\") on Java; an onClose close op that failed with InvalidAccessError on workerd "
                    + "succeeded on Java (nothing of it reaches the wire: Undertow has echoed already, see ECHO_U)") {
        @Override
        boolean apply(Context c) {
            return c.container() == Container.UNDERTOW && emptyCloseAs1000(c, "");
        }
    },

    D10U("D21 (Undertow)", "received close codes that Undertow refuses "
            + "(0-999, 1004-1006, 1012-2999) are a protocol error: Close(1002, \"UT002026: Invalid close frame status "
            + "code: N\") to the peer and an error event (no close event); workerd delivers any code and auto-replies "
            + "with it",
            "Undertow only; the client closes first with code N in 0-999, 1004-1006 or 1012-2999; at the same index "
                    + "workerd logs a close event with code N and Java an error event whose message is the protocol "
                    + "error for 1002 \"UT002026: Invalid close frame status code: N\"; both logs end there; Java's "
                    + "client gets exactly that Close(1002,...) and the TCP end where workerd's gets nothing or its "
                    + "echo Close(N, reason) and the end") {
        @Override
        boolean apply(Context c) {
            return c.container() == Container.UNDERTOW && refusedCloseCode(c, PROTOCOL_ERROR_1002, (code, description) ->
                    refusedByUndertow(code) && description.equals("UT002026: Invalid close frame status code: " + code));
        }
    },

    D12U("D23 (Undertow)", "a text frame that is not valid UTF-8 is delivered by workerd with U+FFFD "
            + "replacements; Undertow fails the connection: Close(1007, \"UT002003: Text frame contains non UTF-8 "
            + "data\") to the peer and an error event (the protocol-error shape), no message event",
            "Undertow only; at the same index workerd logs a text message event containing U+FFFD and Java an error "
                    + "event whose message is the protocol error 1007 \"UT002003: Text frame contains non UTF-8 data\", "
                    + "which ends the Java log; Java's client received exactly workerd's frames before that message's "
                    + "echo, then that Close(1007, ...) and the TCP end") {
        @Override
        boolean apply(Context c) {
            return c.container() == Container.UNDERTOW && invalidUtf8(c, UNDERTOW_INVALID_UTF8);
        }
    },

    ECHO_U("D10", "Undertow echoes a peer's Close as soon as it reads it, before the endpoint runs: where workerd "
            + "leaves the Close unanswered until the application closes (allowHalfOpen, or any socket before "
            + "auto-reply, 2026-04-07), the Java client gets its own Close back at once and the TCP end; what the "
            + "application sends or closes afterwards does not reach it (the calls succeed, as in workerd)",
            "Undertow only; the client closes first; the first close event is identical in both logs and half-open "
                    + "(readyState 2, wasClean true, code N, reason R); Java's client received workerd's frames "
                    + "before it, then exactly Close(N, R) and the TCP end (which a client that resets TCP itself may not read); after those frames workerd's client "
                    + "received only what the application sent after the close event: data frames (no more than the "
                    + "successful send calls logged after the event), then a Close only if a close call after the "
                    + "event succeeded (readyState 2 -> 3), then possibly the TCP end") {
        @Override
        boolean apply(Context c) {
            if (c.container() != Container.UNDERTOW || !c.scenario().facts().clientClosesFirst()) {
                return false;
            }
            List<JsonObject> w = c.workerd().log;
            int i = c.workerd().indexOfCloseEvent();
            if (i < 0 || i != c.java().indexOfCloseEvent() || !w.get(i).equals(c.java().log.get(i))) {
                return false;
            }
            JsonObject event = w.get(i);
            Integer code = Observation.integer(event, "code");
            String reason = str(event, "reason");
            if (!Integer.valueOf(2).equals(Observation.integer(event, "readyState"))
                    || !Boolean.TRUE.equals(bool(event, "wasClean")) || code == null || reason == null) {
                return false;
            }
            List<JsonObject> wcl = c.workerd().client;
            List<JsonObject> jcl = c.java().client;
            int cj = firstCloseFrame(jcl);
            if (cj < 0) {
                return false;
            }
            // a client that resets TCP itself may stop reading before it sees the TCP end that followed the echo
            boolean endSeen = jcl.size() == cj + 2 && jcl.get(cj + 1).containsKey("end");
            boolean endCutByClient = jcl.size() == cj + 1 && c.scenario().facts().clientDropsAfterClose();
            if (!(endSeen || endCutByClient) || !jcl.get(cj).equals(closeFrame(code, reason))
                    || wcl.size() < cj || !wcl.subList(0, cj).equals(jcl.subList(0, cj))) {
                return false;
            }
            int sends = 0;
            boolean closed = false;
            for (JsonObject e : w.subList(i + 1, w.size())) {
                if (!Boolean.TRUE.equals(bool(e, "ok"))) {
                    continue;
                }
                if ("send".equals(str(e, "call"))) {
                    sends++;
                } else if ("close".equals(str(e, "call")) && Integer.valueOf(2).equals(Observation.integer(e, "readyStateBefore"))
                        && Integer.valueOf(3).equals(Observation.integer(e, "readyStateAfter"))) {
                    closed = true;
                }
            }
            int k = cj;
            while (k < wcl.size() && isDataFrame(wcl.get(k))) {
                k++;
            }
            if (k - cj > sends) {
                return false;
            }
            if (k < wcl.size() && "close".equals(str(wcl.get(k), "frame"))) {
                if (!closed) {
                    return false;
                }
                k++;
            }
            if (k < wcl.size() && wcl.get(k).containsKey("end")) {
                k++;
            }
            if (k != wcl.size()) {
                return false;
            }
            List<JsonObject> newClient = new ArrayList<>(jcl);
            wcl.clear();
            wcl.addAll(newClient);
            return true;
        }
    },

    ONE_WRITE_U("D24", "Undertow answers a peer's Close as soon as its I/O thread reads it, before the "
            + "endpoint has handled the messages read with it (those are dispatched to a worker), and refuses data "
            + "frames from then on: the replies to messages that arrived in the same TCP write as the peer's Close never "
            + "reach the peer; workerd sends them before its echo",
            "Undertow only; the scenario writes the client's Close in one TCP write with the messages before it; the "
                    + "first close event is at the same index in both logs, and the logs are identical before it; "
                    + "Java's client received workerd's frames before its first Close frame; at that index workerd's "
                    + "client has k >= 1 data frames that are exactly the echoes (same text, same bytes) of the last k "
                    + "log entries before the close event, which are message events, followed by a Close, the TCP end "
                    + "or nothing") {
        @Override
        boolean apply(Context c) {
            Scenario.Facts facts = c.scenario().facts();
            if (c.container() != Container.UNDERTOW || !facts.clientClosesFirst() || !facts.closeInOneWrite()) {
                return false;
            }
            List<JsonObject> w = c.workerd().log;
            int i = c.workerd().indexOfCloseEvent();
            if (i < 0 || i != c.java().indexOfCloseEvent()
                    || !Differ.normalizeLog(w.subList(0, i)).equals(Differ.normalizeLog(c.java().log.subList(0, i)))) {
                return false;
            }
            List<JsonObject> wcl = c.workerd().client;
            List<JsonObject> jcl = c.java().client;
            int cj = firstCloseFrame(jcl);
            if (cj < 0 || wcl.size() < cj || !wcl.subList(0, cj).equals(jcl.subList(0, cj))) {
                return false;
            }
            int k = 0;
            while (cj + k < wcl.size() && isDataFrame(wcl.get(cj + k))) {
                k++;
            }
            if (k == 0 || k > i) {
                return false;
            }
            if (cj + k < wcl.size() && !"close".equals(str(wcl.get(cj + k), "frame")) && !wcl.get(cj + k).containsKey("end")) {
                return false;
            }
            for (int m = 0; m < k; m++) {
                if (!isEchoOf(wcl.get(cj + m), w.get(i - k + m))) {
                    return false;
                }
            }
            wcl.subList(cj, cj + k).clear();
            return true;
        }
    },

    CROSSED_U("D24", "a close() the application makes while handling a message that arrived in the same TCP "
            + "write as the peer's Close does not reach the peer on Undertow: Undertow has echoed the peer's Close "
            + "already (see ONE_WRITE_U) and drops ours; the peer gets its own code and reason back where workerd "
            + "sends the application's",
            "Undertow only; the scenario's peer closes while handling a message written in one TCP write with the "
                    + "client's Close; workerd's first close event after the first successful close op is clean "
                    + "(readyState 3) with code C and reason R other than the own ones; at the same index the first "
                    + "Close frame the client receives is the peer's own (ownCode, ownReason) from workerd and "
                    + "exactly Close(C, R) from Java, which is followed by the TCP end and nothing else") {
        @Override
        boolean apply(Context c) {
            Scenario.Facts facts = c.scenario().facts();
            if (c.container() != Container.UNDERTOW || !facts.peerCloses() || !facts.closeInOneWrite()) {
                return false;
            }
            List<JsonObject> w = c.workerd().log;
            int k = firstOwnClose(w);
            int wc = k < 0 ? -1 : nextCloseEvent(w, k);
            if (wc < 0) {
                return false;
            }
            JsonObject we = w.get(wc);
            Integer code = Observation.integer(we, "code");
            String reason = str(we, "reason");
            if (code == null || reason == null || !Integer.valueOf(3).equals(Observation.integer(we, "readyState"))
                    || !Boolean.TRUE.equals(bool(we, "wasClean")) || (code == facts.ownCode() && reason.equals(facts.ownReason()))) {
                return false;
            }
            List<JsonObject> wcl = c.workerd().client;
            List<JsonObject> jcl = c.java().client;
            int cw = firstCloseFrame(wcl);
            int cj = firstCloseFrame(jcl);
            if (cw < 0 || cw != cj || !wcl.get(cw).equals(ownCloseFrame(facts)) || !jcl.get(cj).equals(closeFrame(code, reason))
                    || jcl.size() != cj + 2 || !jcl.get(cj + 1).containsKey("end")) {
                return false;
            }
            wcl.set(cw, jcl.get(cj));
            return true;
        }
    },

    CROSSED_SILENT_U("D25", "Undertow race: when the application's close() runs after Undertow's I/O thread "
            + "has parsed the header of the peer's crossing Close but before it has handled it, Undertow sends neither "
            + "Close (UndertowSession.closeInternal skips ours because a Close was received; FrameHandler skips its "
            + "echo because the session is closed): the peer gets no Close and no TCP end until it ends the connection "
            + "itself; the socket reports its own close (as in D7)",
            "Undertow only; the scenario's peer closes while handling a message written in one TCP write with the "
                    + "client's Close; Java's client received nothing at all (no frame, no TCP end); workerd's received "
                    + "the peer's own Close(ownCode, ownReason), possibly followed by the TCP end; both logs are "
                    + "identical up to the same first successful close op (readyState 1 -> 2) and have their next "
                    + "close event at the same index: Java's is the own close (ownCode, ownReason, wasClean true, "
                    + "readyState 3), workerd's a clean one (readyState 3) with another code or reason") {
        @Override
        boolean apply(Context c) {
            Scenario.Facts facts = c.scenario().facts();
            if (c.container() != Container.UNDERTOW || !facts.peerCloses() || !facts.closeInOneWrite()
                    || !c.java().client.isEmpty()) {
                return false;
            }
            List<JsonObject> wcl = c.workerd().client;
            if (wcl.isEmpty() || wcl.size() > 2 || !wcl.get(0).equals(ownCloseFrame(facts))
                    || (wcl.size() == 2 && !wcl.get(1).containsKey("end"))) {
                return false;
            }
            List<JsonObject> w = c.workerd().log;
            List<JsonObject> j = c.java().log;
            int k = firstOwnClose(w);
            if (k < 0 || k != firstOwnClose(j)
                    || !Differ.normalizeLog(w.subList(0, k + 1)).equals(Differ.normalizeLog(j.subList(0, k + 1)))) {
                return false;
            }
            int wc = nextCloseEvent(w, k);
            if (wc < 0 || wc != nextCloseEvent(j, k)) {
                return false;
            }
            JsonObject expected = Json.createObjectBuilder().add("event", "close").add("readyState", 3)
                    .add("code", facts.ownCode()).add("reason", facts.ownReason()).add("wasClean", true).build();
            JsonObject we = w.get(wc);
            if (!j.get(wc).equals(expected) || we.equals(expected) || !Integer.valueOf(3).equals(Observation.integer(we, "readyState"))
                    || !Boolean.TRUE.equals(bool(we, "wasClean"))) {
                return false;
            }
            w.set(wc, expected);
            wcl.clear();
            return true;
        }
    };


    /** The order in which {@link Comparison} applies the entries (later ones see earlier rewrites). */
    public static final List<Documented> ORDER = List.of(D3, D1, D2, D5, D9U, D10, D10U, D12, D12U, ONE_WRITE_U, ECHO_U,
            D11, CROSSED_U, CROSSED_SILENT_U, D7);

    private static final String UNDERTOW_INVALID_UTF8 = "UT002003: Text frame contains non UTF-8 data";

    /** Any protocol error answered with Close(1002, description); group 1 is the description. */
    private static final Pattern PROTOCOL_ERROR_1002 = Pattern.compile(
            "Uncaught Error: WebSocket protocol error; protocolError\\.statusCode = 1002; protocolError\\.description = (.*)");

    /** Whether Tyrus refuses a received close {@code code} with {@code description}. */
    private static final BiPredicate<Integer, String> TYRUS_REFUSES = (code, description) -> refusedByTyrus(code)
            && (description.equals("Illegal status code: " + code) || description.startsWith("Illegal close code: "));

    private static final Pattern REFUSED_CODE = Pattern.compile(
            "Uncaught Error: WebSocket protocol error; protocolError\\.statusCode = 1002; "
                    + "protocolError\\.description = (Illegal (?:status|close) code: .*)");

    /** The JSR-356 container under the Java peer: Tyrus (the embedded runtime, Payara) or Undertow (WildFly). */
    public enum Container {
        TYRUS, UNDERTOW
    }

    /** The scenario, the compatibility date, the Java peer's container and (copies of) both observations. */
    public record Context(Scenario scenario, String date, Container container, Observation workerd, Observation java) {
    }

    public final String readmeRow;
    public final String description;
    public final String predicate;

    Documented(String readmeRow, String description, String predicate) {
        this.readmeRow = readmeRow;
        this.description = description;
        this.predicate = predicate;
    }

    /** Rewrites the observations where exactly this difference shows; true if anything changed. */
    abstract boolean apply(Context c);

    // ---------------------------------------------------------------- helpers

    /**
     * D9U: an empty-body Close from the client is reported by the container as (1000, {@code javaReason}),
     * echoed with that body, and a handler's close(event.code) succeeds (nothing of it reaches the wire: the
     * container has echoed already). Tyrus no longer does this: the bridge reports 1005 and echoes the empty body.
     */
    static boolean emptyCloseAs1000(Context c, String javaReason) {
        if (!c.scenario().facts().clientEmptyClose()) {
            return false;
        }
        List<JsonObject> w = c.workerd().log;
        List<JsonObject> j = c.java().log;
        int wc = c.workerd().indexOfCloseEvent();
        if (wc < 0 || wc != c.java().indexOfCloseEvent()) {
            return false;
        }
        JsonObject we = w.get(wc);
        JsonObject je = j.get(wc);
        if (!Integer.valueOf(1005).equals(Observation.integer(we, "code")) || !"".equals(str(we, "reason"))
                || !Integer.valueOf(1000).equals(Observation.integer(je, "code"))
                || !javaReason.equals(str(je, "reason"))
                || !Differ.without(Differ.without(we, "code"), "reason").equals(Differ.without(Differ.without(je, "code"), "reason"))) {
            return false;
        }
        w.set(wc, je);
        // the echo on the wire (auto-reply)
        int cw = firstCloseFrame(c.workerd().client);
        int cj = firstCloseFrame(c.java().client);
        if (cw >= 0 && cw == cj && c.workerd().client.get(cw).equals(closeEmpty())
                && c.java().client.get(cj).equals(closeFrame(1000, javaReason))) {
            c.workerd().client.set(cw, c.java().client.get(cj));
        }
        // handler calls of close(event.code): 1005 throws, 1000 works
        for (int i = wc + 1; i < Math.min(w.size(), j.size()); i++) {
            JsonObject wo = w.get(i);
            JsonObject jo = j.get(i);
            if (Observation.isOp(wo, "onClose", "close") && Observation.isOp(jo, "onClose", "close")
                    && Boolean.FALSE.equals(bool(wo, "ok")) && "InvalidAccessError".equals(str(wo, "error"))
                    && Boolean.TRUE.equals(bool(jo, "ok"))) {
                w.set(i, jo);
            }
        }
        return true;
    }

    /**
     * D10 and D10U: a received close code the container refuses: {@code pattern} matches Java's error message and
     * captures the Close reason sent to the client; {@code refused} tells whether the container refuses that code
     * with that reason.
     */
    static boolean refusedCloseCode(Context c, Pattern pattern, BiPredicate<Integer, String> refused) {
        if (!c.scenario().facts().clientClosesFirst()) {
            return false;
        }
        List<JsonObject> w = c.workerd().log;
        List<JsonObject> j = c.java().log;
        int i = c.workerd().indexOfCloseEvent();
        if (i < 0 || i != w.size() - 1 || j.size() != w.size() || !Observation.isEvent(j.get(i), "error")) {
            return false;
        }
        Integer code = Observation.integer(w.get(i), "code");
        String message = str(j.get(i), "message");
        if (code == null || message == null) {
            return false;
        }
        Matcher m = pattern.matcher(message);
        if (!m.matches() || !refused.test(code, m.group(1))) {
            return false;
        }
        // client: Java got Close(1002, description) then the end; workerd nothing, or its echo and the end
        List<JsonObject> wcl = c.workerd().client;
        List<JsonObject> jcl = c.java().client;
        int cj = firstCloseFrame(jcl);
        if (cj < 0 || jcl.size() != cj + 2 || !jcl.get(cj).equals(closeFrame(1002, m.group(1)))
                || !jcl.get(cj + 1).containsKey("end") || wcl.size() < cj || !wcl.subList(0, cj).equals(jcl.subList(0, cj))) {
            return false;
        }
        List<JsonObject> wTail = wcl.subList(cj, wcl.size());
        boolean echoed = wTail.size() == 2 && Integer.valueOf(code).equals(Observation.integer(wTail.get(0), "code"))
                && wTail.get(1).containsKey("end");
        if (!wTail.isEmpty() && !echoed) {
            return false;
        }
        w.set(i, j.get(i));
        List<JsonObject> newClient = new ArrayList<>(jcl);
        wcl.clear();
        wcl.addAll(newClient);
        return true;
    }

    /**
     * D10 in the answer to the peer's own first Close: the client answers with a code the container
     * refuses. Both logs have the same first own close op and end at the same index: workerd's with
     * the clean close event (N, readyState 3), Java's with the error event {@code pattern} matches
     * for N. The client's frames are compared as they are.
     */
    static boolean refusedAnswerCode(Context c, Pattern pattern, BiPredicate<Integer, String> refused) {
        if (!c.scenario().facts().peerCloses()) {
            return false;
        }
        List<JsonObject> w = c.workerd().log;
        List<JsonObject> j = c.java().log;
        int i = w.size() - 1;
        int own = firstOwnClose(w);
        if (i < 0 || j.size() != w.size() || own < 0 || own != firstOwnClose(j) || own >= i
                || !Observation.isEvent(w.get(i), "close") || !Observation.isEvent(j.get(i), "error")) {
            return false;
        }
        JsonObject we = w.get(i);
        Integer code = Observation.integer(we, "code");
        String message = str(j.get(i), "message");
        if (code == null || message == null || !Integer.valueOf(3).equals(Observation.integer(we, "readyState"))
                || !Boolean.TRUE.equals(bool(we, "wasClean"))) {
            return false;
        }
        Matcher m = pattern.matcher(message);
        if (!m.matches() || !refused.test(code, m.group(1))) {
            return false;
        }
        w.set(i, j.get(i));
        return true;
    }

    /** D12 and D12U: invalid UTF-8 fails the Java socket with 1007 and the container's {@code description}. */
    static boolean invalidUtf8(Context c, String description) {
        List<JsonObject> w = c.workerd().log;
        List<JsonObject> j = c.java().log;
        int i = j.size() - 1;
        if (i < 0 || i >= w.size() || !Observation.isEvent(j.get(i), "error")
                || !protocolError(1007, description).equals(str(j.get(i), "message"))
                || !Observation.isEvent(w.get(i), "message") || !"text".equals(str(w.get(i), "type"))
                || str(w.get(i), "data") == null || str(w.get(i), "data").indexOf('\ufffd') < 0) {
            return false;
        }
        List<JsonObject> wcl = c.workerd().client;
        List<JsonObject> jcl = c.java().client;
        int cj = firstCloseFrame(jcl);
        if (cj < 0 || jcl.size() != cj + 2 || !jcl.get(cj).equals(closeFrame(1007, description))
                || !jcl.get(cj + 1).containsKey("end") || wcl.size() < cj || !wcl.subList(0, cj).equals(jcl.subList(0, cj))) {
            return false;
        }
        while (w.size() > i) {
            w.remove(w.size() - 1);
        }
        w.add(j.get(i));
        wcl.clear();
        wcl.addAll(jcl);
        return true;
    }

    /** The message of the error event for a protocol error the container answered with Close(code, description). */
    static String protocolError(int code, String description) {
        return "Uncaught Error: WebSocket protocol error; protocolError.statusCode = " + code
                + "; protocolError.description = " + description;
    }

    static boolean refusedByTyrus(int code) {
        return code < 1000 || (code >= 1004 && code <= 1006) || (code >= 1012 && code <= 2999) || code > 4999;
    }

    /** The received close codes Undertow 2.3 refuses (WebSocket07CloseFrameSourceChannel.validateStatus). */
    static boolean refusedByUndertow(int code) {
        return (code >= 0 && code <= 999) || (code >= 1004 && code <= 1006) || (code >= 1012 && code <= 2999);
    }

    static boolean isDataFrame(JsonObject e) {
        String frame = str(e, "frame");
        return "text".equals(frame) || "binary".equals(frame);
    }

    /** Whether {@code frame} is what the peer's default echo of the message event {@code message} puts on the wire. */
    static boolean isEchoOf(JsonObject frame, JsonObject message) {
        if (!Observation.isEvent(message, "message")) {
            return false;
        }
        if ("text".equals(str(message, "type")) && str(message, "data") != null) {
            return frame.equals(Json.createObjectBuilder().add("frame", "text").add("data", str(message, "data")).build());
        }
        if ("binary".equals(str(message, "type")) && str(message, "hex") != null) {
            return frame.equals(Json.createObjectBuilder().add("frame", "binary").add("hex", str(message, "hex")).build());
        }
        return false;
    }

    /** The Close frame the scenario's peer sends with its own close(). */
    static JsonObject ownCloseFrame(Scenario.Facts facts) {
        return facts.ownCode() == 1005 ? closeEmpty() : closeFrame(facts.ownCode(), facts.ownReason());
    }

    static boolean isNetworkLost(JsonObject e) {
        return Observation.isEvent(e, "error") && Integer.valueOf(3).equals(Observation.integer(e, "readyState"))
                && "Uncaught Error: Network connection lost.".equals(str(e, "message")) && "Error".equals(str(e, "error"))
                && "Error".equals(str(e, "errorClass")) && e.size() == 5;
    }

    static boolean isBinaryMessage(JsonObject e) {
        return Observation.isEvent(e, "message") && "binary".equals(str(e, "type"));
    }

    /** The first close op that succeeded and moved the socket from OPEN to CLOSING. */
    static int firstOwnClose(List<JsonObject> log) {
        for (int i = 0; i < log.size(); i++) {
            JsonObject e = log.get(i);
            if ("close".equals(str(e, "call")) && Boolean.TRUE.equals(bool(e, "ok"))
                    && Integer.valueOf(1).equals(Observation.integer(e, "readyStateBefore"))
                    && Integer.valueOf(2).equals(Observation.integer(e, "readyStateAfter"))) {
                return i;
            }
            if (Observation.isEvent(e, "close")) {
                return -1; // the peer's close came first
            }
        }
        return -1;
    }

    static int nextCloseEvent(List<JsonObject> log, int from) {
        for (int i = from + 1; i < log.size(); i++) {
            if (Observation.isEvent(log.get(i), "close")) {
                return i;
            }
        }
        return -1;
    }

    static int firstCloseFrame(List<JsonObject> client) {
        for (int i = 0; i < client.size(); i++) {
            if ("close".equals(str(client.get(i), "frame"))) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(List<JsonObject> list, JsonObject entry) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals(entry)) {
                return i;
            }
        }
        return -1;
    }

    static JsonObject closeFrame(int code, String reason) {
        return Json.createObjectBuilder().add("frame", "close").add("code", code).add("reason", reason).build();
    }

    static JsonObject closeEmpty() {
        return Json.createObjectBuilder().add("frame", "close").add("empty", true).build();
    }

    /** The command carried by a text message entry, or null. */
    static JsonObject command(JsonObject messageEntry) {
        if (!Observation.isEvent(messageEntry, "message") || !"text".equals(str(messageEntry, "type"))) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(messageEntry.getString("data")))) {
            JsonValue v = reader.readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String str(JsonObject e, String key) {
        return Observation.string(e, key);
    }

    static Boolean bool(JsonObject e, String key) {
        JsonValue v = e.get(key);
        if (v == null) {
            return null;
        }
        switch (v.getValueType()) {
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code s} cut to at most {@code max} UTF-8 bytes without splitting a code point. */
    static String truncate(String s, int max) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = utf8(new String(Character.toChars(cp)));
            if (bytes + n > max) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
