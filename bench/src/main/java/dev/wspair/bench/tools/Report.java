package dev.wspair.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the JSON lines of a run (load generator results tagged with {@code scenario}, {@code label}
 * and {@code round}) and JMH's CSV into the Markdown table of bench/README.md: per server the
 * medians and min–max over rounds, then per-round paired ratios (bridge/raw, the A/A control
 * raw2/raw, bridge/workerd), idle memory, churn, JMH, and every goal of the issue with its figure.
 *
 * <p>{@code java dev.wspair.bench.tools.Report results.jsonl [jmh.csv]}
 */
public final class Report {

    private static final Pattern FIELD = Pattern.compile("\"([^\"]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-+0-9.eE]+)");

    private final List<Map<String, String>> rows = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private final List<String[]> goals = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        Report report = new Report();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            line = line.trim();
            if (line.startsWith("{")) {
                report.rows.add(parse(line));
            }
        }
        report.echo("small", "small text: 32 B, 64 connections x 16 in flight");
        report.echo("large", "16 KiB binary: 64 connections x 16 in flight");
        report.idle();
        report.churn();
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            report.jmh(Path.of(args[1]));
        }
        report.goals();
        System.out.print(report.out);
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(line);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
        }
        return m;
    }

    private List<Map<String, String>> select(String mode, String scenario, String label) {
        return rows.stream()
                .filter(r -> mode.equals(r.get("mode")) && scenario.equals(r.get("scenario")) && label.equals(r.get("label"))
                        && !r.containsKey("error"))
                .collect(Collectors.toList());
    }

    private static double num(Map<String, String> r, String key) {
        String v = r.get(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    // ---- echo ----

    private void echo(String scenario, String title) {
        List<String> labels = List.of("raw", "raw2", "bridge", "workerd");
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
        out.append("| ratio | throughput | server CPU µs/msg | p99 |\n|---|---|---|---|\n");
        String[][] pairs = {{"bridge", "raw"}, {"raw2", "raw"}, {"bridge", "workerd"}, {"raw", "workerd"}};
        for (String[] p : pairs) {
            double[] tput = ratios(scenario, p[0], p[1], "msgPerSec");
            if (tput.length == 0) {
                continue;
            }
            double[] cpu = ratios(scenario, p[0], p[1], "serverCpuUsPerMsg");
            double[] p99 = ratios(scenario, p[0], p[1], "p99Us");
            String label = name(p[0]) + " / " + name(p[1]) + (p[0].equals("raw2") ? " (A/A control)" : "");
            out.append("| ").append(label).append(" | ").append(stat(tput, 2)).append(" | ").append(stat(cpu, 2))
                    .append(" | ").append(stat(p99, 2)).append(" |\n");
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
        Map<String, Double> as = byRound(select("echo", scenario, a), key);
        Map<String, Double> bs = byRound(select("echo", scenario, b), key);
        return as.entrySet().stream().filter(e -> bs.containsKey(e.getKey()))
                .mapToDouble(e -> e.getValue() / bs.get(e.getKey())).toArray();
    }

    private static Map<String, Double> byRound(List<Map<String, String>> rs, String key) {
        Map<String, Double> m = new TreeMap<>();
        for (Map<String, String> r : rs) {
            m.put(r.get("round"), num(r, key));
        }
        return m;
    }

    // ---- idle ----

    private void idle() {
        List<Map<String, String>> idle = rows.stream().filter(r -> "idle".equals(r.get("mode"))).collect(Collectors.toList());
        if (idle.isEmpty()) {
            return;
        }
        out.append("\n### Idle connections\n\n");
        out.append("| server | connections | opened | open time s | server RSS KB/conn | live heap bytes/conn (after full GC) | runs |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (Map<String, String> r : idle) {
            groups.computeIfAbsent(r.get("label") + "|" + r.get("connections"), k -> new ArrayList<>()).add(r);
        }
        Map<String, Double> heapByLabel = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, String>>> g : groups.entrySet()) {
            List<Map<String, String>> rs = g.getValue();
            Map<String, String> first = rs.get(0);
            boolean hasHeap = first.containsKey("heapPerConnBytes");
            out.append("| ").append(name(first.get("label"))).append(" | ").append(first.get("connections")).append(" | ")
                    .append(stat(rs, r -> num(r, "opened"), 0)).append(" | ")
                    .append(stat(rs, r -> num(r, "openSeconds"), 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "rssPerConnKb"), 1)).append(" | ")
                    .append(hasHeap ? stat(rs, r -> num(r, "heapPerConnBytes"), 0) : "–").append(" | ")
                    .append(rs.size()).append(" |\n");
            if (hasHeap && "5000".equals(first.get("connections"))) {
                heapByLabel.put(first.get("label"), median(rs.stream().mapToDouble(r -> num(r, "heapPerConnBytes")).toArray()));
            }
            if (first.containsKey("target")) {
                double target = num(first, "target");
                double wanted = num(first, "connections");
                double opened = median(rs.stream().mapToDouble(r -> num(r, "opened")).toArray());
                double still = median(rs.stream().mapToDouble(r -> num(r, "stillOpen")).toArray());
                String limit = wanted < target ? String.format(Locale.ROOT, " (only %.0f tried: the open-files hard limit is %s here)",
                        wanted, first.get("fdLimit")) : "";
                goals.add(new String[] {String.format(Locale.ROOT, "%,.0f idle connections held on the embedded runtime (%s)",
                        target, name(first.get("label"))), String.format(Locale.ROOT, "%,.0f", target),
                        String.format(Locale.ROOT, "%,.0f opened, %,.0f still open after settling, %s s to open%s",
                                opened, still, stat(rs, r -> num(r, "openSeconds"), 1), limit),
                        still >= target ? "met" : wanted < target && still >= wanted ? "not measurable here; all tried held" : "NOT met"});
            }
        }
        if (heapByLabel.containsKey("bridge") && heapByLabel.containsKey("raw")) {
            double diff = heapByLabel.get("bridge") - heapByLabel.get("raw");
            goals.add(new String[] {"live heap per idle bridged connection − raw", "≤ 1,024 B",
                    String.format(Locale.ROOT, "%+.0f B (bridge %.0f B, raw %.0f B)", diff, heapByLabel.get("bridge"),
                            heapByLabel.get("raw")),
                    diff <= 1024 ? "met" : "NOT met"});
        }
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
        for (String label : List.of("raw", "bridge", "workerd")) {
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

    private void goal(String what, String target, double[] values, boolean met) {
        goals.add(new String[] {what, target, stat(values, 2), met ? "met" : "NOT met"});
    }

    private void goals() {
        out.append("\n### Goals of the issue (medians of paired per-round ratios, min–max in brackets)\n\n");
        out.append("| goal | target | measured | |\n|---|---|---|---|\n");
        for (String[] g : goals) {
            out.append("| ").append(String.join(" | ", g)).append(" |\n");
        }
    }

    // ---- statistics ----

    private static String stat(List<Map<String, String>> rs, ToDoubleFunction<Map<String, String>> f, int decimals) {
        return stat(rs.stream().mapToDouble(f).toArray(), decimals);
    }

    private static String stat(double[] values, int decimals) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return "–";
        }
        String fmt = "%,." + decimals + "f";
        String med = String.format(Locale.ROOT, fmt, median(v));
        if (v.length == 1) {
            return med;
        }
        return med + " (" + String.format(Locale.ROOT, fmt, v[0]) + "–" + String.format(Locale.ROOT, fmt, v[v.length - 1]) + ")";
    }

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String name(String label) {
        switch (label) {
            case "raw": return "raw JSR-356 (Tyrus)";
            case "raw2": return "raw JSR-356 again (A/A)";
            case "bridge": return "bridge (wspair route)";
            case "workerd": return "workerd";
            default: return label;
        }
    }
}
