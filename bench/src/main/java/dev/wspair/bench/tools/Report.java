package dev.wspair.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.wspair.bench.tools.Results.median;
import static dev.wspair.bench.tools.Results.name;
import static dev.wspair.bench.tools.Results.num;
import static dev.wspair.bench.tools.Results.stat;

/**
 * Turns the JSON lines of a run (load generator results tagged with {@code scenario}, {@code label}
 * and {@code round}) and JMH's CSV into the Markdown tables of bench/README.md: per server the
 * medians and min–max over rounds, then per-round paired ratios (bridge/raw, the A/A control
 * raw2/raw, bridge/workerd, bridge/Node), idle memory and fan-out ({@link ObjectsReport}), churn,
 * JMH, and every goal of the issues with its figure.
 *
 * <p>{@code java dev.wspair.bench.tools.Report results.jsonl [jmh.csv]}
 */
public final class Report {

    private final Results results = new Results();
    private final List<Map<String, String>> rows = results.rows;
    private final StringBuilder out = results.out;
    private final List<String[]> goals = results.goals;

    public static void main(String[] args) throws IOException {
        Report report = new Report();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            report.results.add(line);
        }
        report.echo("small", "small text: 32 B, 64 connections x 16 in flight");
        report.echo("large", "16 KiB binary: 64 connections x 16 in flight");
        ObjectsReport objects = new ObjectsReport(report.results);
        objects.idle();
        report.churn();
        objects.fanOut();
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            report.jmh(Path.of(args[1]));
        }
        report.goals();
        System.out.print(report.out);
    }

    // ---- echo ----

    private void echo(String scenario, String title) {
        List<String> labels = List.of("raw", "raw2", "bridge", "workerd", "node");
        int rounds = (int) rows.stream().filter(r -> scenario.equals(r.get("scenario"))).map(r -> r.get("round")).distinct().count();
        if (rounds == 0) {
            return;
        }
        out.append("\n### Echo, ").append(title).append(" (").append(rounds).append(" interleaved rounds)\n\n");
        out.append("| server | msg/s | server CPU µs/msg | p50 ms | p99 ms | p99.9 ms | server CPU busy | server context switches/msg | load generator CPU |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (String label : labels) {
            List<Map<String, String>> rs = select("echo", scenario, label);
            if (rs.isEmpty()) {
                continue;
            }
            out.append("| ").append(name(label)).append(" | ")
                    .append(stat(rs, r -> num(r, "msgPerSec"), 0)).append(" | ")
                    .append(stat(rs, r -> num(r, "serverCpuUsPerMsg"), 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "p50Us") / 1000, 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "p99Us") / 1000, 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "p999Us") / 1000, 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "serverCpu"), 2)).append(" | ")
                    .append(stat(rs, r -> num(r, "serverCtxSwitchesPerMsg"), 2)).append(" | ")
                    .append(stat(rs, r -> num(r, "clientCpu"), 2)).append(" |\n");
        }
        out.append("\nPaired per round (median of the per-round ratios, min–max):\n\n");
        out.append("| ratio | throughput | server CPU µs/msg | p99 | throughput per round |\n|---|---|---|---|---|\n");
        String[][] pairs = {{"bridge", "raw"}, {"raw2", "raw"}, {"bridge", "workerd"}, {"raw", "workerd"}, {"bridge", "node"},
                {"raw", "node"}};
        for (String[] p : pairs) {
            double[] tput = ratios(scenario, p[0], p[1], "msgPerSec");
            if (tput.length == 0) {
                continue;
            }
            double[] cpu = ratios(scenario, p[0], p[1], "serverCpuUsPerMsg");
            double[] p99 = ratios(scenario, p[0], p[1], "p99Us");
            String label = name(p[0]) + " / " + name(p[1]) + (p[0].equals("raw2") ? " (A/A control)" : "");
            out.append("| ").append(label).append(" | ").append(stat(tput, 2)).append(" | ").append(stat(cpu, 2))
                    .append(" | ").append(stat(p99, 2)).append(" | ").append(results.perRound(tput, 2)).append(" |\n");
            String size = scenario.equals("small") ? "small text" : "16 KiB binary";
            if (p[0].equals("bridge") && p[1].equals("raw")) {
                goal("bridge/raw server CPU per message, " + size, "≤ 1.05", cpu, median(cpu) <= 1.05);
                goal("bridge/raw throughput, " + size, "≥ 0.95", tput, median(tput) >= 0.95);
                goal("bridge/raw p99, " + size, "≤ 1.10", p99, median(p99) <= 1.10);
                double[] aaCpu = ratios(scenario, "raw2", "raw", "serverCpuUsPerMsg");
                double[] aaTput = ratios(scenario, "raw2", "raw", "msgPerSec");
                double[] aaP99 = ratios(scenario, "raw2", "raw", "p99Us");
                if (aaCpu.length > 0) {
                    goals.add(new String[] {"A/A control raw2/raw, " + size, "≈ 1.00",
                            "CPU " + stat(aaCpu, 2) + ", throughput " + stat(aaTput, 2) + ", p99 " + stat(aaP99, 2), "(noise)"});
                }
            }
            if (p[0].equals("bridge") && p[1].equals("workerd") && scenario.equals("small")) {
                goal("bridge/workerd throughput, small text", "≥ 1.8", tput, median(tput) >= 1.8);
                goals.add(new String[] {"bridge/workerd server CPU per message, small text", "(context)", stat(cpu, 2), ""});
            }
            if (p[0].equals("raw") && p[1].equals("workerd") && scenario.equals("small")) {
                goals.add(new String[] {"raw/workerd throughput, small text (anchor: about 2.1)", "(context)", stat(tput, 2), ""});
            }
        }
    }

    private double[] ratios(String scenario, String a, String b, String key) {
        return results.ratios("echo", scenario, a, b, key);
    }

    private List<Map<String, String>> select(String mode, String scenario, String label) {
        return results.select(mode, scenario, label);
    }

    private void goal(String what, String target, double[] values, boolean met) {
        results.goal(what, target, values, met);
    }

    // ---- churn ----

    private void churn() {
        List<Map<String, String>> churn = rows.stream().filter(r -> "churn".equals(r.get("mode"))).collect(Collectors.toList());
        if (churn.isEmpty()) {
            return;
        }
        out.append("\n### Churn (connect, handshake, Close, Close answer, TCP close)\n\n");
        out.append("| server | concurrent loops | cycles/s | failures | server CPU µs/cycle | p50 ms | p99 ms | rounds |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String label : List.of("raw", "bridge", "workerd", "node")) {
            List<Map<String, String>> rs = churn.stream().filter(r -> label.equals(r.get("label"))).collect(Collectors.toList());
            if (rs.isEmpty()) {
                continue;
            }
            out.append("| ").append(name(label)).append(" | ").append(rs.get(0).get("connections")).append(" | ")
                    .append(stat(rs, r -> num(r, "cyclesPerSec"), 0)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", rs.stream().mapToDouble(r -> num(r, "failures")).sum())).append(" | ")
                    .append(stat(rs, r -> num(r, "serverCpuUsPerCycle"), 0)).append(" | ")
                    .append(stat(rs, r -> num(r, "p50Ms"), 2)).append(" | ")
                    .append(stat(rs, r -> num(r, "p99Ms"), 2)).append(" | ")
                    .append(rs.size()).append(" |\n");
        }
    }

    // ---- JMH ----

    private void jmh(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() < 2) {
            return;
        }
        List<String> header = splitCsv(lines.get(0));
        out.append("\n### JMH (engine, in memory)\n\n| benchmark | params | score | ± (99.9%) | unit |\n|---|---|---|---|---|\n");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = splitCsv(line);
            StringBuilder params = new StringBuilder();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).startsWith("Param: ") && i < f.size() && !f.get(i).isEmpty()) {
                    params.append(params.length() == 0 ? "" : ", ").append(header.get(i).substring(7)).append('=').append(f.get(i));
                }
            }
            String bench = f.get(0).replace("dev.wspair.bench.", "");
            double score = Double.parseDouble(f.get(4));
            out.append("| ").append(bench).append(" | ").append(params.length() == 0 ? "–" : params).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", score)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", Double.parseDouble(f.get(5)))).append(" | ")
                    .append(f.get(6)).append(" |\n");
            if (bench.equals("PairBenchmark.oneWay")) {
                goals.add(new String[] {"in-memory pair, one way", "≥ 5,000,000 msg/s",
                        String.format(Locale.ROOT, "%,.0f msg/s", score), score >= 5_000_000 ? "met" : "NOT met"});
            }
        }
    }

    private static List<String> splitCsv(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        f.add(cur.toString());
        return f;
    }

    // ---- goals ----

    private void goals() {
        out.append("\n### Goals of the issue (medians of paired per-round ratios, min–max in brackets)\n\n");
        out.append("| goal | target | measured | |\n|---|---|---|---|\n");
        for (String[] g : goals) {
            out.append("| ").append(String.join(" | ", g)).append(" |\n");
        }
    }
}
