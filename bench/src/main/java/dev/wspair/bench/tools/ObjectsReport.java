package dev.wspair.bench.tools;

import static dev.wspair.bench.tools.Results.median;
import static dev.wspair.bench.tools.Results.name;
import static dev.wspair.bench.tools.Results.num;
import static dev.wspair.bench.tools.Results.stat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The idle-memory and fan-out sections of the report: live heap per connection of raw sessions,
 * bridged sockets and hibernated object sockets (paired per round against raw, with the A/A
 * control raw2 − raw), whether the room really hibernated, and the fan-out of one object to its
 * sockets against workerd and Node's ws.
 */
final class ObjectsReport {

    private static final String[] IDLE_LABELS = {"raw", "raw2", "bridge", "room", "room-base", "workerd", "node"};
    private static final String[] FAN_LABELS = {"object", "object2", "object-base", "raw-fanout", "workerd", "node"};

    private final Results results;
    private final StringBuilder out;

    ObjectsReport(Results results) {
        this.results = results;
        this.out = results.out;
    }

    void idle() {
        List<Map<String, String>> idle = results.rows.stream().filter(r -> "idle".equals(r.get("mode")) && !r.containsKey("error"))
                .collect(Collectors.toList());
        if (idle.isEmpty()) {
            return;
        }
        out.append("\n### Idle connections\n\n");
        out.append("| server | connections | opened | open time s | server RSS KB/conn | live heap bytes/conn (after full GC) | runs |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        Map<String, List<Map<String, String>>> groups = new LinkedHashMap<>();
        for (String label : IDLE_LABELS) {
            for (Map<String, String> r : idle) {
                if (label.equals(r.get("label"))) {
                    groups.computeIfAbsent(label + "|" + r.get("connections"), k -> new ArrayList<>()).add(r);
                }
            }
        }
        for (List<Map<String, String>> rs : groups.values()) {
            Map<String, String> first = rs.get(0);
            out.append("| ").append(name(first.get("label"))).append(" | ").append(first.get("connections")).append(" | ")
                    .append(stat(rs, r -> num(r, "opened"), 0)).append(" | ")
                    .append(stat(rs, r -> num(r, "openSeconds"), 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "rssPerConnKb"), 1)).append(" | ")
                    .append(first.containsKey("heapPerConnBytes") ? stat(rs, r -> num(r, "heapPerConnBytes"), 0) : "–").append(" | ")
                    .append(rs.size()).append(" |\n");
            if (first.containsKey("target")) {
                bigGoal(first, rs);
            }
        }
        String[][] pairs = {{"bridge", "raw"}, {"room", "raw"}, {"room-base", "raw"}, {"room", "bridge"}, {"raw2", "raw"}};
        StringBuilder table = new StringBuilder();
        for (String[] p : pairs) {
            // the idle runs only: the many-connections runs (scenario "big") have other rounds
            double[] d = results.differences("idle", "idle", p[0], p[1], "heapPerConnBytes");
            if (d.length == 0) {
                continue;
            }
            table.append("| ").append(name(p[0])).append(" − ").append(name(p[1]))
                    .append(p[0].equals("raw2") ? " (A/A control)" : "").append(" | ").append(stat(d, 0)).append(" | ")
                    .append(results.perRound(d, 0)).append(" |\n");
            if (p[0].equals("bridge") && p[1].equals("raw")) {
                goal("live heap per idle bridged connection − raw (issue 15)", "≤ 512 B", d, median(d) <= 512);
            }
            if (p[0].equals("room") && p[1].equals("raw")) {
                goal("live heap per hibernated object socket − raw", "≤ 512 B", d, median(d) <= 512);
            }
            if (p[0].equals("room-base") && p[1].equals("raw")) {
                results.goals.add(new String[] {"the same with the baseline impl", "(before)", stat(d, 0) + " B", ""});
            }
        }
        if (table.length() > 0) {
            out.append("\nLive heap per connection, paired per round (X − Y, bytes; median, min–max, then each round):\n\n");
            out.append("| difference | median (min–max) | per round |\n|---|---|---|\n").append(table);
        }
        StringBuilder stable = new StringBuilder();
        for (String[] p : pairs) {
            double[] d = results.differences("idle", "idle", p[0], p[1], "heapPerConnBytesWithoutByteArrays");
            if (d.length > 0 && !Double.isNaN(median(d))) {
                stable.append("| ").append(name(p[0])).append(" − ").append(name(p[1]))
                        .append(p[0].equals("raw2") ? " (A/A control)" : "").append(" | ").append(stat(d, 0)).append(" | ")
                        .append(results.perRound(d, 0)).append(" |\n");
                if (p[0].equals("bridge") && p[1].equals("raw")) {
                    goal("live heap per idle bridged connection − raw, without byte[]", "≤ 512 B", d, median(d) <= 512);
                }
                if (p[0].equals("room") && p[1].equals("raw")) {
                    goal("live heap per hibernated object socket − raw, without byte[]", "≤ 512 B", d, median(d) <= 512);
                }
            }
        }
        if (stable.length() > 0) {
            out.append("\nThe same without byte[] (the container's read and header buffers, whose total varies by a few hundred "
                    + "bytes per connection between runs of the same server; everything else is stable to a few bytes):\n\n");
            out.append("| difference | median (min–max) | per round |\n|---|---|---|\n").append(stable);
        }
        List<Map<String, String>> rooms = idle.stream().filter(r -> r.get("label").startsWith("room")).collect(Collectors.toList());
        if (!rooms.isEmpty()) {
            long asleep = rooms.stream().filter(r -> "false".equals(r.get("probe.awake"))).count();
            out.append("\nHibernation check: the room had no instance when its heap was measured in ").append(asleep).append(" of ")
                    .append(rooms.size()).append(" runs (instances created per run: ")
                    .append(rooms.stream().map(r -> r.getOrDefault("probe.instances", "?")).collect(Collectors.joining(", ")))
                    .append(").\n");
            results.goals.add(new String[] {"the room hibernated before its heap was measured", "every run",
                    asleep + " of " + rooms.size(), asleep == rooms.size() ? "met" : "NOT met"});
        }
    }

    private void bigGoal(Map<String, String> first, List<Map<String, String>> rs) {
        double target = num(first, "target");
        double wanted = num(first, "connections");
        double opened = median(rs.stream().mapToDouble(r -> num(r, "opened")).toArray());
        double still = median(rs.stream().mapToDouble(r -> num(r, "stillOpen")).toArray());
        String limit = wanted < target ? String.format(Locale.ROOT, " (only %.0f tried: the open-files hard limit is %s here)",
                wanted, first.get("fdLimit")) : "";
        results.goals.add(new String[] {String.format(Locale.ROOT, "%,.0f idle connections held on the embedded runtime (%s)",
                target, name(first.get("label"))), String.format(Locale.ROOT, "%,.0f", target),
                String.format(Locale.ROOT, "%,.0f opened, %,.0f still open after settling, %s s to open%s",
                        opened, still, stat(rs, r -> num(r, "openSeconds"), 1), limit),
                still >= target ? "met" : wanted < target && still >= wanted ? "not measurable here; all tried held" : "NOT met"});
    }

    void fanOut() {
        int rounds = (int) results.rows.stream().filter(r -> "fanout".equals(r.get("scenario"))).map(r -> r.get("round")).distinct().count();
        if (rounds == 0) {
            return;
        }
        Map<String, String> any = results.rows.stream().filter(r -> "fanout".equals(r.get("scenario"))).findFirst().get();
        out.append("\n### Fan-out: one object, ").append(any.get("connections")).append(" sockets, ").append(any.get("inflight"))
                .append(" messages of ").append(any.get("size")).append(" B in flight (").append(rounds).append(" interleaved rounds)\n\n");
        out.append("| server | deliveries/s | server CPU µs/delivery | p50 ms | p99 ms | p99.9 ms | server CPU busy | load generator CPU "
                + "| messages sent | missing | out of order | failed runs |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String label : FAN_LABELS) {
            List<Map<String, String>> rs = results.select("fanout", "fanout", label);
            long failed = results.rows.stream().filter(r -> "fanout".equals(r.get("scenario")) && label.equals(r.get("label"))
                    && r.containsKey("error")).count();
            if (rs.isEmpty() && failed == 0) {
                continue;
            }
            out.append("| ").append(name(label)).append(" | ")
                    .append(stat(rs, r -> num(r, "deliveriesPerSec"), 0)).append(" | ")
                    .append(stat(rs, r -> num(r, "serverCpuUsPerDelivery"), 2)).append(" | ")
                    .append(stat(rs, r -> num(r, "p50Us") / 1000, 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "p99Us") / 1000, 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "p999Us") / 1000, 1)).append(" | ")
                    .append(stat(rs, r -> num(r, "serverCpu"), 2)).append(" | ")
                    .append(stat(rs, r -> num(r, "clientCpu"), 2)).append(" | ")
                    .append(sum(rs, "messagesSent")).append(" | ").append(sum(rs, "missing")).append(" | ")
                    .append(sum(rs, "outOfOrder")).append(" | ").append(failed).append(" |\n");
            if (!rs.isEmpty()) {
                long bad = rs.stream().filter(r -> num(r, "missing") != 0 || num(r, "outOfOrder") != 0 || num(r, "errors") != 0).count();
                results.goals.add(new String[] {"fan-out, " + name(label) + ": no message lost, duplicated or reordered",
                        "0 runs with one", bad + " of " + rs.size() + " runs (" + sum(rs, "messagesSent") + " messages to "
                        + rs.get(0).get("connections") + " clients each)", bad == 0 && failed == 0 ? "met" : "NOT met"});
            }
        }
        out.append("\nPaired per round (median of the per-round ratios, min–max):\n\n");
        out.append("| ratio | deliveries/s | server CPU µs/delivery | p99 | deliveries/s per round |\n|---|---|---|---|---|\n");
        String[][] pairs = {{"object", "workerd"}, {"object", "node"}, {"object2", "object"}, {"object", "object-base"},
                {"object", "raw-fanout"}, {"raw-fanout", "node"}, {"raw-fanout", "workerd"}, {"node", "workerd"}};
        for (String[] p : pairs) {
            double[] tput = results.ratios("fanout", "fanout", p[0], p[1], "deliveriesPerSec");
            if (tput.length == 0) {
                continue;
            }
            double[] cpu = results.ratios("fanout", "fanout", p[0], p[1], "serverCpuUsPerDelivery");
            double[] p99 = results.ratios("fanout", "fanout", p[0], p[1], "p99Us");
            out.append("| ").append(name(p[0])).append(" / ").append(name(p[1])).append(p[0].equals("object2") ? " (A/A control)" : "")
                    .append(" | ").append(stat(tput, 2)).append(" | ").append(stat(cpu, 2)).append(" | ").append(stat(p99, 2))
                    .append(" | ").append(results.perRound(tput, 2)).append(" |\n");
            if (p[0].equals("object") && p[1].equals("workerd")) {
                results.goal("fan-out deliveries/s, Durable Object / workerd", "≥ 3", tput, median(tput) >= 3);
            }
            if (p[0].equals("object") && p[1].equals("node")) {
                results.goal("fan-out deliveries/s, Durable Object / Node ws", "≥ 1.2", tput, median(tput) >= 1.2);
            }
            if (p[0].equals("object2")) {
                results.goals.add(new String[] {"A/A control, fan-out object2/object", "≈ 1.00", "deliveries/s " + stat(tput, 2)
                        + ", CPU " + stat(cpu, 2) + ", p99 " + stat(p99, 2), "(noise)"});
            }
        }
    }

    private void goal(String what, String target, double[] values, boolean met) {
        results.goals.add(new String[] {what, target, stat(values, 0) + " B", met ? "met" : "NOT met"});
    }

    private static String sum(List<Map<String, String>> rs, String key) {
        return String.format(Locale.ROOT, "%,.0f", rs.stream().mapToDouble(r -> num(r, key)).sum());
    }
}
