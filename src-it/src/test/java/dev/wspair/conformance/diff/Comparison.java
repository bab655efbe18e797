package dev.wspair.conformance.diff;

import java.util.ArrayList;
import java.util.List;

/** Compares the two observations of one scenario run and classifies the outcome. */
public final class Comparison {

    public enum Status {
        MATCH, DOCUMENTED, DIFF
    }

    /**
     * The outcome of one scenario under one compatibility date.
     *
     * @param raw the differences before any documented difference was applied
     * @param applied the documented differences whose predicate held and that rewrote something
     * @param remaining the differences left after them (empty unless DIFF)
     */
    public record Outcome(Scenario scenario, String date, Status status, List<Documented> applied,
            List<Differ.Difference> raw, List<Differ.Difference> remaining, Observation workerd, Observation java) {

        public String cell() {
            return Comparison.cell(status, ids());
        }

        public String ids() {
            return String.join(",", applied.stream().map(Documented::name).toList());
        }
    }

    private Comparison() {
    }

    /** A report's cell for an outcome: {@code MATCH}, {@code DOCUMENTED(ids)}, {@code DIFF} or {@code DIFF (+ids)}. */
    public static String cell(Status status, String appliedIds) {
        switch (status) {
            case MATCH:
                return "MATCH";
            case DOCUMENTED:
                return "DOCUMENTED(" + appliedIds + ")";
            default:
                return appliedIds.isEmpty() ? "DIFF" : "DIFF (+" + appliedIds + ")";
        }
    }

    /** On a Tyrus runtime (the embedded runtime, Payara). */
    public static Outcome compare(Scenario scenario, String date, Observation workerd, Observation java) {
        return compare(scenario, date, Documented.Container.TYRUS, workerd, java);
    }

    /** {@code container}: the Java peer's JSR-356 container; documented differences may hold on one only. */
    public static Outcome compare(Scenario scenario, String date, Documented.Container container, Observation workerd,
            Observation java) {
        List<Differ.Difference> raw = Differ.diff(workerd, java);
        if (raw.isEmpty()) {
            return new Outcome(scenario, date, Status.MATCH, List.of(), raw, raw, workerd, java);
        }
        Observation w = workerd.copy();
        Observation j = java.copy();
        List<Documented> applied = new ArrayList<>();
        Documented.Context context = new Documented.Context(scenario, date, container, w, j);
        for (Documented d : Documented.ORDER) {
            if (d.apply(context)) {
                applied.add(d);
            }
        }
        List<Differ.Difference> remaining = Differ.diff(w, j);
        Status status = remaining.isEmpty() ? Status.DOCUMENTED : Status.DIFF;
        return new Outcome(scenario, date, status, List.copyOf(applied), raw, remaining, workerd, java);
    }
}
