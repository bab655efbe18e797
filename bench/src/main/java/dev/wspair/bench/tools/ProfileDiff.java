package dev.wspair.bench.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compares two async-profiler profiles in collapsed form ({@code frame;frame;...;leaf count}), A
 * (raw) against B (bridge), per message.
 *
 * <pre>
 * cpu:   ProfileDiff cpu   A.collapsed A_US_PER_MSG B.collapsed B_US_PER_MSG [top]
 *        a frame's share of the samples times the server CPU µs/msg the load generator measured
 *        gives its µs/msg; printed by thread group, inclusive per method (B − A) and self.
 *        Then the components of the bridge path (regular expressions over whole stacks, so the
 *        rows overlap: each is a sum of its own).
 * alloc: ProfileDiff alloc A.collapsed A_MESSAGES B.collapsed B_MESSAGES [top]
 *        (collapsed with "total": bytes) bytes per message by allocated class and by allocation
 *        site (the nearest frame of wspair, Weld or Tyrus).
 * </pre>
 */
public final class ProfileDiff {

    private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda\\$\\d+/0x[0-9a-f]+|\\$\\$Lambda\\$\\d+");
    private static final Pattern HIDDEN = Pattern.compile("0x[0-9a-f]{6,}");
    private static final Pattern THREAD_NUMBERS = Pattern.compile("[- #]?\\d+| tid=\\d+");

    private final Map<String, Double> inclusive = new HashMap<>();
    private final Map<String, Double> self = new HashMap<>();
    private final Map<String, Double> threads = new HashMap<>();
    private final Map<String, Double> allocClass = new HashMap<>();
    private final Map<String, Double> allocSite = new HashMap<>();
    private final List<String[]> stacks = new ArrayList<>();
    private final List<Double> counts = new ArrayList<>();
    private double total;

    /** name, stacks matching, and also matching (or null), and not matching (or null). */
    private static final String[][] COMPONENTS = {
        {"all samples", "."},
        {"Tyrus send (TyrusRemoteEndpoint$Async.sendText/sendBinary), any thread", "TyrusRemoteEndpoint\\$Async\\.send(Text|Binary)"},
        {"Tyrus receive (TyrusEndpointWrapper.onMessage, with the raw handler's send)", "TyrusEndpointWrapper\\.onMessage"},
        {"wspair-dispatch threads, total", "^\\[wspair-dispatch"},
        {"  RequestScopes.deliver (the delivery inside a CDI request context)", "RequestScopes\\.deliver"},
        {"  CDI request context alone (deliver minus applyInScope)", "RequestScopes\\.deliver", null, "applyInScope"},
        {"    Weld InstanceImpl (getHandle().get(): resolving RequestContextController)", "weld/bean/builtin/InstanceImpl"},
        {"    RequestContextController.activate + deactivate", "InjectableRequestContextController\\.(activate|deactivate)"},
        {"  applyInScope minus the Tyrus send (engine + listener)", "applyInScope", null, "TyrusRemoteEndpoint"},
        {"  RealWebSocket.sendBinary minus OutboundQueue (the payload copy)", "RealWebSocket\\.sendBinary", null, "OutboundQueue"},
        {"  OutboundQueue + BridgedConnection.write minus the Tyrus send", "OutboundQueue", null, "TyrusRemoteEndpoint"},
        {"  wspair Frame + Utf8", "dev/wspair/engine/(Frame|Utf8)\\."},
        {"  dispatch thread outside InboundQueue.run (park, scan, wake-up)", "^\\[wspair-dispatch", null, "InboundQueue\\.run"},
        {"Grizzly worker threads (wspair-http)", "^\\[wspair-http"},
        {"Grizzly selector thread", "^\\[grizzly-nio-kernel"},
        {"tyrus-thread (runs Tyrus's idle-timeout tasks)", "^\\[tyrus-"},
        {"Tyrus restartIdleTimeoutExecutor (schedule + cancel per frame), callers", "restartIdleTimeoutExecutor"},
        {"JIT compiler threads", "^\\[C. CompilerThre"},
        {"GC (VM Thread)", "^\\[(VM Thread|GC)"},
        {"kernel: futex wake/wait, any thread", "futex_"},
        {"kernel: scheduler (__schedule, finish_task_switch)", "__schedule|finish_task_switch"},
        {"kernel: all syscalls", "entry_SYSCALL"},
    };

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        int top = args.length > 5 ? Integer.parseInt(args[5]) : 25;
        ProfileDiff a = read(Path.of(args[1]));
        ProfileDiff b = read(Path.of(args[3]));
        double aScale = Double.parseDouble(args[2]);
        double bScale = Double.parseDouble(args[4]);
        StringBuilder out = new StringBuilder();
        if (kind.equals("cpu")) {
            // µs/msg = share of samples x server CPU µs/msg
            a.scale(aScale / a.total);
            b.scale(bScale / b.total);
            table(out, "CPU by thread (µs per message)", a.threads, b.threads, top, false);
            table(out, "CPU inclusive per method, largest B − A first (µs per message)", a.inclusive, b.inclusive, top, true);
            table(out, "CPU self (leaf frame), largest B − A first (µs per message)", a.self, b.self, top, true);
            out.append("\nComponents (µs per message; rows overlap)\n\n| component | A (raw) | B (bridge) | B − A |\n|---|---|---|---|\n");
            for (String[] c : COMPONENTS) {
                double va = a.component(c);
                double vb = b.component(c);
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %+.2f |%n", c[0], va, vb, vb - va));
            }
        } else {
            // bytes/msg = sampled bytes / messages
            a.scale(1 / aScale);
            b.scale(1 / bScale);
            out.append(String.format(Locale.ROOT, "%nallocated bytes per message: A %.0f, B %.0f%n", a.total, b.total));
            table(out, "Allocation by class (bytes per message)", a.allocClass, b.allocClass, top, true);
            table(out, "Allocation by site: nearest wspair/Weld/Tyrus/Grizzly frame (bytes per message)",
                    a.allocSite, b.allocSite, top, true);
        }
        System.out.print(out);
    }

    private double component(String[] c) {
        Pattern include = Pattern.compile(c[1]);
        Pattern also = c.length > 2 && c[2] != null ? Pattern.compile(c[2]) : null;
        Pattern not = c.length > 3 && c[3] != null ? Pattern.compile(c[3]) : null;
        double sum = 0;
        for (int i = 0; i < stacks.size(); i++) {
            String joined = String.join(";", stacks.get(i));
            if (include.matcher(joined).find() && (also == null || also.matcher(joined).find())
                    && (not == null || !not.matcher(joined).find())) {
                sum += counts.get(i);
            }
        }
        return sum;
    }

    private void scale(double factor) {
        counts.replaceAll(v -> v * factor);
        for (Map<String, Double> m : List.of(inclusive, self, threads, allocClass, allocSite)) {
            m.replaceAll((k, v) -> v * factor);
        }
        total *= factor;
    }

    private static ProfileDiff read(Path file) throws IOException {
        ProfileDiff p = new ProfileDiff();
        for (String line : Files.readAllLines(file)) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            double count = Double.parseDouble(line.substring(space + 1));
            String[] frames = line.substring(0, space).split(";");
            p.total += count;
            p.stacks.add(frames);
            p.counts.add(count);
            Set<String> seen = new HashSet<>();
            int first = 0;
            if (frames[0].startsWith("[") && frames[0].endsWith("]")) {
                p.threads.merge(threadGroup(frames[0]), count, Double::sum);
                first = 1;
            } else {
                p.threads.merge("(all)", count, Double::sum);
            }
            String site = null;
            for (int i = first; i < frames.length; i++) {
                String f = normalize(frames[i]);
                frames[i] = f;
                if (seen.add(f)) {
                    p.inclusive.merge(f, count, Double::sum);
                }
                if (f.startsWith("dev/wspair/") || f.startsWith("org/jboss/weld/") || f.startsWith("org/glassfish/tyrus/")
                        || f.startsWith("org/glassfish/grizzly/")) {
                    site = f;
                }
            }
            String leaf = frames[frames.length - 1];
            p.self.merge(leaf, count, Double::sum);
            p.allocClass.merge(leaf, count, Double::sum);
            p.allocSite.merge(site == null ? "(other)" : site, count, Double::sum);
        }
        return p;
    }

    private static String normalize(String frame) {
        String f = frame;
        if (f.endsWith("_[j]") || f.endsWith("_[i]") || f.endsWith("_[k]") || f.endsWith("_[0]") || f.endsWith("_[1]")) {
            f = f.substring(0, f.length() - 4);
        }
        f = LAMBDA.matcher(f).replaceAll("\\$\\$Lambda");
        return HIDDEN.matcher(f).replaceAll("0x…");
    }

    private static String threadGroup(String frame) {
        String name = frame.substring(1, frame.length() - 1);
        return THREAD_NUMBERS.matcher(name).replaceAll("").trim();
    }

    private static void table(StringBuilder out, String title, Map<String, Double> a, Map<String, Double> b, int top,
            boolean byDiff) {
        out.append("\n").append(title).append("\n\n| frame | A (raw) | B (bridge) | B − A |\n|---|---|---|---|\n");
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> sorted = new ArrayList<>(keys);
        if (byDiff) {
            sorted.sort((x, y) -> Double.compare(diff(b, a, y), diff(b, a, x)));
        } else {
            sorted.sort((x, y) -> Double.compare(b.getOrDefault(y, 0.0) + a.getOrDefault(y, 0.0),
                    b.getOrDefault(x, 0.0) + a.getOrDefault(x, 0.0)));
        }
        Map<String, Double> shown = new LinkedHashMap<>();
        for (String k : sorted) {
            if (shown.size() >= top) {
                break;
            }
            shown.put(k, diff(b, a, k));
        }
        for (String k : shown.keySet()) {
            out.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.2f | %+.2f |%n", k, a.getOrDefault(k, 0.0),
                    b.getOrDefault(k, 0.0), diff(b, a, k)));
        }
    }

    private static double diff(Map<String, Double> b, Map<String, Double> a, String k) {
        return b.getOrDefault(k, 0.0) - a.getOrDefault(k, 0.0);
    }
}
