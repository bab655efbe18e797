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

    D10("D21", "received close codes that Tyrus refuses (below 1000, 1004-1006, "
            + "1014-2999, above 4999) are a protocol error: Close(1002, \"Illegal status code: N\") to the peer and an "
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

    D10U("D21 (Undertow)", "received close codes that Undertow refuses "
            + "(0-999, 1004-1006, 1012-2999) are a protocol error: Close(1002, \"UT002026: Invalid close frame status "
            + "code: N\") to the peer and an error event (no close event); workerd delivers any code and auto-replies "
            + "with it",
            "Undertow only; the client closes first with code N in 0-999, 1004-1006 or 1012-2999; at the same index "
                    + "workerd logs a close event with code N and Java an error event whose message is the protocol "
                    + "error for 1002 \"UT002026: Invalid close frame status code: N\"; both logs end there; Java's "
                    + "client gets exactly that Close(1002,...) and the TCP end where workerd's gets nothing or its "
                    + "echo Close(N, reason) and the end. Or the client answers the peer's own first Close with such a "
                    + "code N: both logs have the same close op (rs 1->2) and end at the same index, workerd's with the "
                    + "clean close event (N, rs 3), Java's with that error event") {
        @Override
        boolean apply(Context c) {
            BiPredicate<Integer, String> refused = (code, description) ->
                    refusedByUndertow(code) && description.equals("UT002026: Invalid close frame status code: " + code);
            return c.container() == Container.UNDERTOW && (refusedCloseCode(c, PROTOCOL_ERROR_1002, refused)
                    || refusedAnswerCode(c, PROTOCOL_ERROR_1002, refused));
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
    };


    /** The order in which {@link Comparison} applies the entries (later ones see earlier rewrites). */
    public static final List<Documented> ORDER = List.of(D1, D2, D5, D10, D10U, D12, D12U, D11);

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
        // Tyrus 2.1.6's CloseFrame: below 1000, 1004-1006, 1014-2999, above 4999 (it accepts 1012 and 1013)
        return code < 1000 || (code >= 1004 && code <= 1006) || (code >= 1014 && code <= 2999) || code > 4999;
    }

    /** The received close codes Undertow 2.3 refuses (WebSocket07CloseFrameSourceChannel.validateStatus). */
    static boolean refusedByUndertow(int code) {
        return (code >= 0 && code <= 999) || (code >= 1004 && code <= 1006) || (code >= 1012 && code <= 2999);
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
