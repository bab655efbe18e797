package dev.wspair.conformance.objects;

import dev.wspair.conformance.diff.Comparison;
import dev.wspair.conformance.diff.Comparison.Status;
import dev.wspair.conformance.diff.Differ;
import dev.wspair.conformance.diff.Differ.Difference;
import dev.wspair.conformance.diff.Documented.Container;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the workerd peer's and the Java peer's observations of one {@link ObjectsScenario},
 * section by section ({@link ObjectsObservation}), entry by entry, field by field, after a
 * normalization that removes only what the protocol or the run leaves open:
 *
 * <ul>
 * <li>the kind of the end of a client's TCP connection ({@code eof}, {@code reset}, {@code error})
 * becomes {@code ended}: it depends on whether unread bytes were in flight when the peer closed,
 * a matter of timing; whether it ended, and whether the client had sent its Close by then, are
 * compared;</li>
 * <li>the {@code message} of {@code webSocketError} entries is dropped: it is each runtime's own
 * wording (a JavaScript engine's, a JVM's), so it is not compared (the error's name and class are; the text the client was sent is compared on
 * the wire).</li>
 * </ul>
 *
 * Already left out by {@link ObjectsRunner}: the run token in object names, reception times, and the
 * time of an auto-response (the peers log {@code "<timestamp>"}). A difference that remains is
 * either an {@link ObjectsAccepted} difference, whose predicate rewrites it away, or it fails.
 */
public final class ObjectsComparison {

    /**
     * The outcome of one scenario.
     *
     * @param raw the differences before any accepted difference was applied
     * @param applied the accepted differences whose predicate held and that rewrote something
     * @param remaining the differences left after them (empty unless DIFF)
     */
    public record Outcome(ObjectsScenario scenario, Status status, List<ObjectsAccepted> applied, List<Difference> raw,
            List<Difference> remaining, ObjectsObservation workerd, ObjectsObservation java) {

        public String cell() {
            return Comparison.cell(status, ids());
        }

        public String ids() {
            return String.join(",", applied.stream().map(ObjectsAccepted::name).toList());
        }
    }

    private ObjectsComparison() {
    }

    /** {@code container}: the one the Java peer runs on (some accepted differences hold on one only). */
    public static Outcome compare(ObjectsScenario scenario, Container container, ObjectsObservation workerd,
            ObjectsObservation java) {
        List<Difference> raw = diff(workerd, java);
        if (raw.isEmpty()) {
            return new Outcome(scenario, Status.MATCH, List.of(), raw, raw, workerd, java);
        }
        ObjectsObservation w = normalized(workerd);
        ObjectsObservation j = normalized(java);
        List<ObjectsAccepted> applied = new ArrayList<>();
        ComparedRun run = new ComparedRun(scenario, container, w, j);
        for (ObjectsAccepted accepted : ObjectsAccepted.values()) {
            if (accepted.apply(run)) {
                applied.add(accepted);
            }
        }
        List<Difference> remaining = diff(w, j);
        Status status = remaining.isEmpty() ? Status.DOCUMENTED : Status.DIFF;
        return new Outcome(scenario, status, List.copyOf(applied), raw, remaining, workerd, java);
    }

    /** The differences between the two normalized observations, section by section. */
    public static List<Difference> diff(ObjectsObservation workerd, ObjectsObservation java) {
        ObjectsObservation w = normalized(workerd);
        ObjectsObservation j = normalized(java);
        Set<String> names = new LinkedHashSet<>(w.sections.keySet());
        names.addAll(j.sections.keySet());
        List<Difference> out = new ArrayList<>();
        for (String name : names) {
            Differ.compare(name, w.sections.getOrDefault(name, List.of()), j.sections.getOrDefault(name, List.of()), out);
        }
        return out;
    }

    /** A copy with the normalization above applied. */
    static ObjectsObservation normalized(ObjectsObservation observation) {
        ObjectsObservation o = observation.copy();
        for (Map.Entry<String, List<JsonObject>> section : o.sections.entrySet()) {
            List<JsonObject> entries = section.getValue();
            if (section.getKey().startsWith("received ")) {
                List<JsonObject> ended = Differ.normalizeClient(entries);
                entries.clear();
                entries.addAll(ended);
            } else if (section.getKey().startsWith("log ")) {
                entries.replaceAll(e -> "webSocketError".equals(e.getString("event", null)) ? Differ.without(e, "message") : e);
            }
        }
        return o;
    }
}
