package dev.wspair.conformance.objects;

import static dev.wspair.conformance.diff.Observation.integer;
import static dev.wspair.conformance.diff.Observation.string;
import static dev.wspair.conformance.objects.ComparedRun.closeFrame;
import static dev.wspair.conformance.objects.ComparedRun.logOf;
import static dev.wspair.conformance.objects.ComparedRun.receivedBy;

import dev.wspair.conformance.diff.Differ;
import dev.wspair.conformance.diff.Documented.Container;
import dev.wspair.conformance.objects.ComparedRun.Numbered;
import dev.wspair.conformance.objects.ObjectsScenario.CloseEmpty;
import dev.wspair.conformance.objects.ObjectsScenario.Connect;
import dev.wspair.conformance.objects.ObjectsScenario.RawFrame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accepted differences between the workerd objects peer and the Java one. Each names its
 * README "Differences from workerd" row and has a narrow predicate: {@link #apply} rewrites (the
 * normalized copies of) the two observations only where exactly that difference shows, and says
 * whether it rewrote anything. A difference that no entry explains fails the test. Entries apply
 * in declaration order; later ones see the rewrites of earlier ones. The entries about closing
 * are in {@link ClosingDifferences}.
 */
public enum ObjectsAccepted {

    ATTACHMENT_SIZE("D27", "attachments are copied as JSON, not with V8's serializer, so an oversized value "
            + "reports its JSON's size (\"z\"×20000: 20002 bytes) where workerd reports V8's (20006); the limit, the "
            + "error and the rest of the message are workerd's",
            "a failed serializeAttachment entry at the same index of the same log, equal on both sides but for the "
                    + "byte count of errorMessage, both counts over 16384") {
        @Override
        boolean apply(ComparedRun c) {
            boolean changed = false;
            for (String section : c.workerd().sections.keySet()) {
                List<JsonObject> w = c.workerd().section(section);
                List<JsonObject> j = c.java().section(section);
                for (int i = 0; section.startsWith("log ") && i < Math.min(w.size(), j.size()); i++) {
                    Integer wSize = attachmentSize(w.get(i));
                    Integer jSize = attachmentSize(j.get(i));
                    if (wSize != null && jSize != null && !wSize.equals(jSize)
                            && Differ.with(w.get(i), "errorMessage", j.get(i).get("errorMessage")).equals(j.get(i))) {
                        w.set(i, j.get(i));
                        changed = true;
                    }
                }
            }
            return changed;
        }
    },

    PROTOCOL_ERROR_TEXT("D13", "the container answers a frame with a reserved opcode itself, with its own text",
            "the scenario sent the client a frame with reserved opcode N; at the same index both clients got a Close "
                    + "1002, workerd's \"Unknown opcode N\", Java's \"Unknown wrappedFrame type: N\" (Tyrus) or "
                    + "\"UT002009: Data frame using reserved opcode = N\" (Undertow)") {
        @Override
        boolean apply(ComparedRun c) {
            boolean changed = false;
            for (Numbered<RawFrame> raw : c.steps(RawFrame.class)) {
                int opcode = raw.step().opcode();
                String text = c.container() == Container.TYRUS ? "Unknown wrappedFrame type: " + opcode
                        : "UT002009: Data frame using reserved opcode = " + opcode;
                List<JsonObject> w = c.workerd().section(receivedBy(raw.step().client()));
                List<JsonObject> j = c.java().section(receivedBy(raw.step().client()));
                for (int i = 0; i < Math.min(w.size(), j.size()); i++) {
                    if (w.get(i).equals(closeFrame(1002, "Unknown opcode " + opcode)) && j.get(i).equals(closeFrame(1002, text))) {
                        w.set(i, j.get(i));
                        changed = true;
                    }
                }
            }
            return changed;
        }
    },

    KEEPS_TCP("D30", "workerd never ends the TCP connection of a socket closed from another socket's handler, nor "
            + "of one after a protocol error; copying that would leak connections",
            "workerd's client's last frame is a Close and its connection did not end; Java's client got the same and "
                    + "then the end of TCP; and either the scenario sent that client a reserved opcode and the Close "
                    + "is 1002, or another connection's handler closed its socket (a close call from another ID)") {
        @Override
        boolean apply(ComparedRun c) {
            return c.eachClient(ClosingDifferences::keptConnection);
        }
    },

    FRAME_ERROR_AS_LOSS_U("D19", "Undertow answers a frame-level protocol error itself and tells the endpoint only "
            + "that the connection was lost",
            "Undertow only; the scenario sent the client a reserved opcode; where workerd logged webSocketError "
                    + "(Error, readyState 2), Java logged webSocketClose (1006, \"WebSocket disconnected without "
                    + "sending Close frame.\", wasClean false, readyState 2) with the same listed, tags and "
                    + "attachment; the wait for the webSocketError ran out on Java only") {
        @Override
        boolean apply(ComparedRun c) {
            return c.container() == Container.UNDERTOW && ClosingDifferences.errorAsLoss(c);
        }
    };


    private static final Pattern ATTACHMENT_TOO_LARGE = Pattern.compile(
            "A WebSocket 'attachment' cannot be larger than 16384 bytes\\.'attachment' was (\\d+) bytes\\.");

    /** The README row ({@code D30}), why a user would accept the difference, and exactly what is allowed. */
    public final String readmeRow;
    public final String reason;
    public final String predicate;

    ObjectsAccepted(String readmeRow, String reason, String predicate) {
        this.readmeRow = readmeRow;
        this.reason = reason;
        this.predicate = predicate;
    }

    /** Rewrites the run's observations where this difference shows; whether it rewrote anything. */
    abstract boolean apply(ComparedRun c);

    /** The size reported by a failed serializeAttachment over the limit, or null. */
    private static Integer attachmentSize(JsonObject entry) {
        String message = string(entry, "errorMessage");
        if (!"serializeAttachment".equals(string(entry, "call")) || message == null) {
            return null;
        }
        Matcher m = ATTACHMENT_TOO_LARGE.matcher(message);
        return m.matches() && Integer.parseInt(m.group(1)) > 16384 ? Integer.valueOf(m.group(1)) : null;
    }
}
