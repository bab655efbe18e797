package dev.wspair.conformance.objects;

import dev.wspair.conformance.diff.Comparison.Status;
import dev.wspair.conformance.diff.Report;
import dev.wspair.conformance.objects.ObjectsComparison.Outcome;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The objects differential report as Markdown: counts, one row per scenario, the registry, the details. */
public final class ObjectsReport {

    private ObjectsReport() {
    }

    /** {@code N identical, N accepted, N different (of N scenarios)}. */
    public static String counts(List<Outcome> outcomes) {
        return count(outcomes, Status.MATCH) + " identical, " + count(outcomes, Status.DOCUMENTED) + " with accepted "
                + "differences only, " + count(outcomes, Status.DIFF) + " different (of " + outcomes.size() + " scenarios)";
    }

    private static long count(List<Outcome> outcomes, Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public static String summaryTable(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("| scenario | outcome |\n|---|---|\n");
        outcomes.forEach(o -> sb.append("| ").append(o.scenario().name()).append(" | ").append(o.cell()).append(" |\n"));
        return sb.append('\n').append(counts(outcomes)).append('\n').toString();
    }

    /** {@code peers}: label to base URL. */
    public static String markdown(String title, Map<String, String> peers, List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        peers.forEach((label, url) -> sb.append("* `").append(label).append("` = ").append(url).append('\n'));
        sb.append("\nMATCH: identical after normalization (ObjectsComparison). DOCUMENTED(X): the only differences are "
                + "the accepted differences X. DIFF: an unexplained difference (the test fails).\n\n");
        sb.append("## Summary\n\n").append(summaryTable(outcomes));
        sb.append("\n## Accepted differences\n\n| ID | README row | why | the difference allowed |\n|---|---|---|---|\n");
        for (ObjectsAccepted a : ObjectsAccepted.values()) {
            sb.append("| ").append(a.name()).append(" | ").append(a.readmeRow).append(" | ").append(esc(a.reason))
                    .append(" | ").append(esc(a.predicate)).append(" |\n");
        }
        sb.append("\n## Details\n\nEvery outcome that is not MATCH first, then the MATCH ones.\n");
        List<Outcome> ordered = new ArrayList<>(outcomes.stream().filter(o -> o.status() != Status.MATCH).toList());
        ordered.addAll(outcomes.stream().filter(o -> o.status() == Status.MATCH).toList());
        for (Outcome o : ordered) {
            sb.append("\n### ").append(o.scenario().name()).append(": ").append(o.cell()).append("\n\n");
            Report.appendDifferences(sb, o.status(), o.ids(), o.remaining(), o.raw());
            appendObservation(sb, o.workerd());
            appendObservation(sb, o.java());
        }
        return sb.toString();
    }

    private static void appendObservation(StringBuilder sb, ObjectsObservation o) {
        sb.append("<details><summary>").append(o.peer).append("</summary>\n\n```\n");
        for (Map.Entry<String, List<JsonObject>> section : o.sections.entrySet()) {
            sb.append(section.getKey()).append(":\n");
            section.getValue().forEach(e -> sb.append("  ").append(e).append('\n'));
        }
        sb.append("```\n</details>\n\n");
    }

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
