package dev.wspair.bench.tools;

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
 * The JSON lines of one run (load generator results tagged with {@code scenario}, {@code label} and
 * {@code round}), the Markdown being written, the goals found so far, and the statistics the
 * report uses: medians with min–max, and per-round paired ratios and differences.
 */
final class Results {

    private static final Pattern FIELD = Pattern.compile("\"([^\"]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-+0-9.eE]+)");

    final List<Map<String, String>> rows = new ArrayList<>();
    final StringBuilder out = new StringBuilder();
    final List<String[]> goals = new ArrayList<>();

    void add(String line) {
        line = line.trim();
        if (line.startsWith("{")) {
            rows.add(parse(line));
        }
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(line);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
        }
        return m;
    }

    /** The runs of {@code mode} with {@code label} (and {@code scenario} unless null) that did not fail. */
    List<Map<String, String>> select(String mode, String scenario, String label) {
        return rows.stream()
                .filter(r -> mode.equals(r.get("mode")) && (scenario == null || scenario.equals(r.get("scenario")))
                        && label.equals(r.get("label")) && !r.containsKey("error"))
                .collect(Collectors.toList());
    }

    static double num(Map<String, String> r, String key) {
        String v = r.get(key);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    /** a/b of {@code key}, per round both ran. */
    double[] ratios(String mode, String scenario, String a, String b, String key) {
        return paired(mode, scenario, a, b, key, true);
    }

    /** a−b of {@code key}, per round both ran. */
    double[] differences(String mode, String scenario, String a, String b, String key) {
        return paired(mode, scenario, a, b, key, false);
    }

    private double[] paired(String mode, String scenario, String a, String b, String key, boolean ratio) {
        Map<String, Double> as = byRound(select(mode, scenario, a), key);
        Map<String, Double> bs = byRound(select(mode, scenario, b), key);
        return as.entrySet().stream().filter(e -> bs.containsKey(e.getKey()))
                .mapToDouble(e -> ratio ? e.getValue() / bs.get(e.getKey()) : e.getValue() - bs.get(e.getKey())).toArray();
    }

    /** The paired values in round order, for the per-round columns. */
    String perRound(double[] values, int decimals) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%,." + decimals + "f", v))
                .collect(Collectors.joining(" · "));
    }

    private static Map<String, Double> byRound(List<Map<String, String>> rs, String key) {
        Map<String, Double> m = new TreeMap<>((x, y) -> Integer.compare(Integer.parseInt(x), Integer.parseInt(y)));
        for (Map<String, String> r : rs) {
            m.put(r.get("round"), num(r, key));
        }
        return m;
    }

    void goal(String what, String target, double[] values, boolean met) {
        goals.add(new String[] {what, target, stat(values, 2), met ? "met" : "NOT met"});
    }

    static String stat(List<Map<String, String>> rs, ToDoubleFunction<Map<String, String>> f, int decimals) {
        return stat(rs.stream().mapToDouble(f).toArray(), decimals);
    }

    static String stat(double[] values, int decimals) {
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

    static String name(String label) {
        switch (label) {
            case "raw": return "raw JSR-356 (Tyrus)";
            case "raw2": return "raw JSR-356 again (A/A)";
            case "bridge": return "bridge (wspair route)";
            case "room": return "hibernated object sockets (wspair)";
            case "room-base": return "hibernated object sockets (baseline impl)";
            case "object": return "Durable Object (wspair)";
            case "object2": return "Durable Object again (A/A)";
            case "object-base": return "Durable Object (baseline impl)";
            case "raw-fanout": return "raw JSR-356 broadcast (Tyrus)";
            case "workerd": return "workerd";
            case "node": return "Node ws";
            default: return label;
        }
    }
}
