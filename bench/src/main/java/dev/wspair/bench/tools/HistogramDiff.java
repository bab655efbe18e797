package dev.wspair.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the bytes per connection go: the class histograms ({@code jcmd GC.class_histogram}) taken
 * by the load generator's idle mode before and after opening N connections, for two servers A and
 * B; prints per class the bytes and instances per connection of each and B − A, largest first.
 *
 * <p>{@code java dev.wspair.bench.tools.HistogramDiff N A-before.txt A-after.txt B-before.txt
 * B-after.txt [rows]}
 */
public final class HistogramDiff {

    private HistogramDiff() {
    }

    public static void main(String[] args) throws IOException {
        double n = Double.parseDouble(args[0]);
        Map<String, long[]> a = growth(Path.of(args[1]), Path.of(args[2]));
        Map<String, long[]> b = growth(Path.of(args[3]), Path.of(args[4]));
        int rows = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        Map<String, long[]> all = new TreeMap<>();
        for (String c : a.keySet()) {
            all.put(c, new long[] {a.get(c)[0], a.get(c)[1], 0, 0});
        }
        for (String c : b.keySet()) {
            long[] row = all.computeIfAbsent(c, k -> new long[4]);
            row[2] = b.get(c)[0];
            row[3] = b.get(c)[1];
        }
        long totalA = a.values().stream().mapToLong(v -> v[1]).sum();
        long totalB = b.values().stream().mapToLong(v -> v[1]).sum();
        System.out.println("| class | A instances/conn | A bytes/conn | B instances/conn | B bytes/conn | B − A bytes/conn |");
        System.out.println("|---|---|---|---|---|---|");
        List<Map.Entry<String, long[]>> sorted = all.entrySet().stream()
                .sorted((x, y) -> Long.compare(Math.abs(y.getValue()[3] - y.getValue()[1]), Math.abs(x.getValue()[3] - x.getValue()[1])))
                .limit(rows).collect(Collectors.toList());
        for (Map.Entry<String, long[]> e : sorted) {
            long[] v = e.getValue();
            System.out.println(String.format(Locale.ROOT, "| `%s` | %.2f | %.0f | %.2f | %.0f | %+.0f |", e.getKey(),
                    v[0] / n, v[1] / n, v[2] / n, v[3] / n, (v[3] - v[1]) / n));
        }
        System.out.println(String.format(Locale.ROOT, "| **total** | | %.0f | | %.0f | %+.0f |", totalA / n, totalB / n,
                (totalB - totalA) / n));
    }

    /** Per class: instances and bytes after − before. */
    private static Map<String, long[]> growth(Path before, Path after) throws IOException {
        Map<String, long[]> b = read(before);
        Map<String, long[]> a = read(after);
        Map<String, long[]> out = new HashMap<>();
        for (Map.Entry<String, long[]> e : a.entrySet()) {
            long[] was = b.getOrDefault(e.getKey(), new long[2]);
            out.put(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
        }
        for (Map.Entry<String, long[]> e : b.entrySet()) {
            out.putIfAbsent(e.getKey(), new long[] {-e.getValue()[0], -e.getValue()[1]});
        }
        return out;
    }

    /** {@code num: instances bytes class (module)} lines. */
    private static Map<String, long[]> read(Path histogram) throws IOException {
        Map<String, long[]> m = new HashMap<>();
        for (String line : Files.readAllLines(histogram)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                // lambda classes are numbered per JVM: one row per declaring class
                String name = f[3].replaceAll("\\$\\$Lambda\\$.*", "\\$\\$Lambda");
                m.merge(name, new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])}, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
            }
        }
        return m;
    }
}
