package dev.wspair.conformance.diff;

import dev.wspair.conformance.diff.Comparison.Outcome;
import dev.wspair.conformance.diff.Comparison.Status;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary table (scenario x date) and the details, as Markdown; a plain table for the console. */
public final class Report {

    private Report() {
    }

    public static String summaryTable(List<String> dates, List<Outcome> outcomes) {
        Map<String, Map<String, Outcome>> byScenario = index(outcomes);
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario |");
        dates.forEach(d -> sb.append(' ').append(d).append(" |"));
        sb.append('\n').append("|---|");
        dates.forEach(d -> sb.append("---|"));
        sb.append('\n');
        byScenario.forEach((name, row) -> {
            sb.append("| ").append(name).append(" |");
            for (String d : dates) {
                Outcome o = row.get(d);
                sb.append(' ').append(o == null ? "(not run)" : o.cell()).append(" |");
            }
            sb.append('\n');
        });
        sb.append('\n');
        for (String d : dates) {
            long match = outcomes.stream().filter(o -> o.date().equals(d) && o.status() == Status.MATCH).count();
            long doc = outcomes.stream().filter(o -> o.date().equals(d) && o.status() == Status.DOCUMENTED).count();
            long diff = outcomes.stream().filter(o -> o.date().equals(d) && o.status() == Status.DIFF).count();
            sb.append("* ").append(d).append(": ").append(match).append(" MATCH, ").append(doc)
                    .append(" DOCUMENTED, ").append(diff).append(" DIFF\n");
        }
        return sb.toString();
    }

    public static String markdown(List<String> dates, Map<String, String> peers, List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Differential report: workerd peer vs Java peer\n\n");
        sb.append("Peers:\n\n");
        peers.forEach((k, v) -> sb.append("* `").append(k).append("` = ").append(v).append('\n'));
        sb.append("\nMATCH: identical after normalization. DOCUMENTED(Dx): the only differences are registry entries Dx. "
                + "DIFF: an unexplained difference (the test fails).\n\n");
        sb.append("## Summary\n\n").append(summaryTable(dates, outcomes)).append('\n');
        sb.append("## Registry of documented differences\n\n| ID | README row | description | allowed difference (predicate) |\n|---|---|---|---|\n");
        for (Documented d : Documented.values()) {
            sb.append("| ").append(d.name()).append(" | ").append(d.readmeRow).append(" | ").append(esc(d.description))
                    .append(" | ").append(esc(d.predicate)).append(" |\n");
        }
        sb.append("\n## Scenarios\n\n| scenario | spec | options | what it does |\n|---|---|---|---|\n");
        Map<String, Scenario> seen = new LinkedHashMap<>();
        outcomes.forEach(o -> seen.putIfAbsent(o.scenario().name(), o.scenario()));
        seen.values().forEach(s -> sb.append("| ").append(s.name()).append(" | ").append(esc(s.spec())).append(" | ")
                .append(s.options().isEmpty() ? "" : esc(s.options().toString())).append(" | ").append(esc(s.summary()))
                .append(" |\n"));
        sb.append("\n## Details\n\nEvery outcome that is not MATCH first, then the MATCH ones (observations only).\n");
        List<Outcome> ordered = new ArrayList<>(outcomes.stream().filter(o -> o.status() != Status.MATCH).toList());
        ordered.addAll(outcomes.stream().filter(o -> o.status() == Status.MATCH).toList());
        for (Outcome o : ordered) {
            sb.append("\n### ").append(o.scenario().name()).append(" @ ").append(o.date()).append(": ").append(o.cell())
                    .append("\n\n");
            appendDifferences(sb, o.status(), o.ids(), o.remaining(), o.raw());
            appendObservation(sb, o.workerd());
            appendObservation(sb, o.java());
        }
        return sb.toString();
    }

    /** The unexplained differences (if DIFF), the documented ones applied, and the raw differences of one outcome. */
    public static void appendDifferences(StringBuilder sb, Status status, String appliedIds, List<Differ.Difference> remaining,
            List<Differ.Difference> raw) {
        if (status == Status.DIFF) {
            sb.append("Unexplained differences:\n\n");
            remaining.forEach(d -> sb.append("* `").append(d).append("`\n"));
            sb.append('\n');
        }
        if (!appliedIds.isEmpty()) {
            sb.append("Documented differences applied: ").append(appliedIds).append("\n\n");
        }
        if (!raw.isEmpty()) {
            sb.append("Raw differences:\n\n");
            raw.forEach(d -> sb.append("* `").append(d).append("`\n"));
            sb.append('\n');
        }
    }

    static void appendObservation(StringBuilder sb, Observation o) {
        sb.append("<details><summary>").append(o.peer).append(" (id ").append(o.id).append(", HTTP ")
                .append(o.handshakeStatus).append(")</summary>\n\n```\nclient received:\n");
        for (JsonObject e : o.client) {
            sb.append("  ").append(e).append('\n');
        }
        sb.append("peer log:\n");
        for (JsonObject e : o.log) {
            sb.append("  ").append(e).append('\n');
        }
        sb.append("client trace:\n");
        for (String t : o.trace) {
            sb.append("  ").append(t).append('\n');
        }
        sb.append("```\n</details>\n\n");
    }

    private static Map<String, Map<String, Outcome>> index(List<Outcome> outcomes) {
        Map<String, Map<String, Outcome>> byScenario = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            byScenario.computeIfAbsent(o.scenario().name(), k -> new LinkedHashMap<>()).put(o.date(), o);
        }
        return byScenario;
    }

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
