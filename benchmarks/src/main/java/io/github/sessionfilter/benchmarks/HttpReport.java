package io.github.sessionfilter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the measurements of benchmarks/http.sh into the HTTP section of docs/BENCHMARKS.md (Markdown on
 * stdout) and a chart of throughput and p99 per workload and variant (an SVG file).
 *
 * <p>Every ratio is taken per round, between measurements seconds apart, and the median of those
 * per-round ratios is shown; absolute figures are medians over the rounds.
 *
 * <p>Arguments: {@code <http.tsv> <http-sessions.tsv> <chart.svg> <chart path as linked from the report>}.
 */
public final class HttpReport {

    static final List<String> VARIANTS = List.of("memory", "spring", "filter");
    static final Map<String, String> LABELS = Map.of("memory", "container (in memory)",
            "spring", "Spring Session Data Redis", "filter", "session-filter");
    private static final Map<String, String> COLOURS = Map.of("memory", "#9e9e9e", "spring", "#6db33f",
            "filter", "#1f6feb");

    /** One line of http.tsv. */
    record Measurement(int round, String workload, String variant, double requestsPerSecond, double p50Millis,
            double p99Millis, double serverCpuMicros, double redisCpuMicros, double roundTrips, double commands,
            long errors) {
    }

    /** A target of the performance issue: a ratio of session-filter against another variant. */
    record Target(String workload, String against, String measure, boolean atLeast, double bound) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("read", "memory", "requests/s", true, 0.45),
            new Target("read", "spring", "requests/s", true, 3),
            new Target("read", "memory", "server CPU/request", false, 3),
            new Target("write", "memory", "requests/s", true, 0.35),
            new Target("write", "spring", "requests/s", true, 2),
            new Target("write", "memory", "server CPU/request", false, 3.5),
            new Target("mutate", "memory", "requests/s", true, 0.35),
            new Target("mutate", "spring", "requests/s", true, 2),
            new Target("mutate", "memory", "server CPU/request", false, 3.5));

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        String setup = lines.get(0).replaceFirst("^# ", "");
        List<Measurement> all = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split("\t");
            all.add(new Measurement(Integer.parseInt(f[0]), f[1], f[2], Double.parseDouble(f[3]), millis(f[4]),
                    millis(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                    Double.parseDouble(f[9]), Long.parseLong(f[10])));
        }
        Map<String, String[]> sessions = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1])).subList(1, 3)) {
            String[] f = line.split("\t");
            sessions.put(f[0], f);
        }
        List<String> workloads = all.stream().map(Measurement::workload).distinct().toList();
        Files.writeString(Path.of(args[2]), svg(all, workloads));
        System.out.print(markdown(setup, all, workloads, sessions, args[3]));
    }

    private static String markdown(String setup, List<Measurement> all, List<String> workloads,
            Map<String, String[]> sessions, String chart) {
        StringBuilder md = new StringBuilder();
        md.append("## HTTP\n\n");
        md.append("One servlet on embedded Jetty 12 (`HttpBenchmarkServer`), three session implementations, each in its\n")
                .append("own JVM (`-Xmx512m`) and the two Redis-backed ones each on a Redis of their own on 127.0.0.1 (no network\n")
                .append("latency: on Memorystore every round trip adds the network's). Spring Session Data Redis runs with a\n")
                .append("Spring Boot app's defaults (`RedisSessionRepository`, JDK serialization, Lettuce). Workloads: `none` (no\n")
                .append("session), `read` (3 attributes: a String, a 5-item list, an Integer), `write` (read them, set the\n")
                .append("Integer), `mutate` (add to the list in place, no `setAttribute`). Setup: ").append(setup).append(".\n")
                .append("The servers are warmed up first (the JIT settles in about 30 s); then each round measures every\n")
                .append("workload on the three variants one after the other (the order rotates per round). Figures are the\n")
                .append("medians over the rounds; ratios are taken per round and their median is shown. Server CPU is the\n")
                .append("server JVM's user+system time over the measurement divided by the requests (GC, JIT and Lettuce's\n")
                .append("threads included); Redis CPU likewise for the Redis server. wrk, Redis and the server share the cores,\n")
                .append("so every µs of CPU anywhere costs throughput.\n\n");
        md.append("![requests per second and p99 latency per workload and variant](").append(chart).append(")\n\n");
        md.append("| workload | sessions | requests/s | p50 ms | p99 ms | server CPU µs/request | Redis CPU µs/request ")
                .append("| Redis round trips/request | Redis commands/request | errors | requests/s vs in-memory ")
                .append("| CPU/request vs in-memory |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String workload : workloads) {
            for (String variant : VARIANTS) {
                List<Measurement> runs = of(all, workload, variant);
                if (runs.isEmpty()) {
                    continue;
                }
                boolean redis = !variant.equals("memory");
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %.1f | %s | %s | %s | %d | %s | %s |%n",
                        workload, LABELS.get(variant), median(runs, Measurement::requestsPerSecond),
                        median(runs, Measurement::p50Millis), median(runs, Measurement::p99Millis),
                        median(runs, Measurement::serverCpuMicros),
                        redis ? fixed(median(runs, Measurement::redisCpuMicros), 1) : "–",
                        redis ? fixed(median(runs, Measurement::roundTrips), 2) : "–",
                        redis ? fixed(median(runs, Measurement::commands), 2) : "–",
                        runs.stream().mapToLong(Measurement::errors).sum(),
                        fixed(ratio(all, workload, variant, "memory", Measurement::requestsPerSecond), 2),
                        fixed(ratio(all, workload, variant, "memory", Measurement::serverCpuMicros), 2)));
            }
        }
        md.append("\nRound trips count what a client sends: where Lua scripts were called, the script calls plus DEL;\n")
                .append("otherwise every command (INFO commandstats counts the commands a script runs as well; those are in the\n")
                .append("next column). The one login per connection is included.\n\n");
        md.append("Bytes per session in Redis (`MEMORY USAGE` of each session hash after the run, averaged; the session\n")
                .append("holds the three attributes above, the list grown by `mutate` for session-filter only, since Spring\n")
                .append("Session does not save a change made in place):\n\n");
        md.append("| sessions | hashes measured | bytes per session |\n|---|---:|---:|\n");
        for (String[] row : sessions.values()) {
            md.append("| ").append(LABELS.get(row[0])).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        md.append("\n### Against the targets\n\n");
        md.append("| workload | measure | session-filter vs | target | measured (median of per-round ratios) | |\n");
        md.append("|---|---|---|---:|---:|---|\n");
        for (Target target : TARGETS) {
            ToDoubleFunction<Measurement> measure = target.measure().equals("requests/s")
                    ? Measurement::requestsPerSecond : Measurement::serverCpuMicros;
            double value = ratio(all, target.workload(), "filter", target.against(), measure);
            if (Double.isNaN(value)) {
                continue;
            }
            boolean met = target.atLeast() ? value >= target.bound() : value <= target.bound();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s %s× | %.2f× | %s |%n", target.workload(),
                    target.measure(), LABELS.get(target.against()), target.atLeast() ? "≥" : "≤",
                    fixed(target.bound(), 2), value, met ? "met" : "missed"));
        }
        return md.toString();
    }

    static List<Measurement> of(List<Measurement> all, String workload, String variant) {
        return all.stream().filter(m -> m.workload().equals(workload) && m.variant().equals(variant)).toList();
    }

    static double median(List<Measurement> runs, ToDoubleFunction<Measurement> measure) {
        return BenchmarkReport.median(runs.stream().map(m -> measure.applyAsDouble(m)).toList());
    }

    /** The median over rounds of (variant / against) for one measure, rounds where both ran. */
    static double ratio(List<Measurement> all, String workload, String variant, String against,
            ToDoubleFunction<Measurement> measure) {
        List<Double> ratios = new ArrayList<>();
        for (Measurement m : of(all, workload, variant)) {
            for (Measurement base : of(all, workload, against)) {
                if (base.round() == m.round() && measure.applyAsDouble(base) > 0) {
                    ratios.add(measure.applyAsDouble(m) / measure.applyAsDouble(base));
                }
            }
        }
        return ratios.isEmpty() ? Double.NaN : BenchmarkReport.median(ratios);
    }

    /** wrk's latency ("569.00us", "1.66ms", "1.02s") in milliseconds. */
    static double millis(String latency) {
        if (latency.endsWith("us")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2)) / 1000;
        }
        if (latency.endsWith("ms")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 2));
        }
        if (latency.endsWith("s")) {
            return Double.parseDouble(latency.substring(0, latency.length() - 1)) * 1000;
        }
        return Double.parseDouble(latency);
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Two bar charts side by side: median requests/s and median p99 per workload, one bar per variant. */
    private static String svg(List<Measurement> all, List<String> workloads) {
        int panelWidth = 420;
        int height = 300;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                2 * panelWidth + 40, height + 40));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, all, workloads, Measurement::requestsPerSecond, "requests/s (higher is better)", 20, panelWidth, height);
        panel(svg, all, workloads, Measurement::p99Millis, "p99 latency, ms (lower is better)", panelWidth + 40,
                panelWidth, height);
        int x = 20;
        for (String variant : VARIANTS) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, height + 20, COLOURS.get(variant), x + 16, height + 31,
                    LABELS.get(variant)));
            x += 220;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, List<Measurement> all, List<String> workloads,
            ToDoubleFunction<Measurement> measure, String title, int left, int width, int height) {
        int top = 30;
        int bottom = height - 20;
        double max = 0;
        for (String workload : workloads) {
            for (String variant : VARIANTS) {
                List<Measurement> runs = of(all, workload, variant);
                if (!runs.isEmpty()) {
                    max = Math.max(max, median(runs, measure));
                }
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">%s</text>%n", left, title));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                left, bottom, left + width, bottom));
        double group = (double) width / workloads.size();
        double bar = group / (VARIANTS.size() + 1);
        for (int w = 0; w < workloads.size(); w++) {
            double groupLeft = left + w * group + bar / 2;
            for (int v = 0; v < VARIANTS.size(); v++) {
                List<Measurement> runs = of(all, workloads.get(w), VARIANTS.get(v));
                if (runs.isEmpty()) {
                    continue;
                }
                double value = median(runs, measure);
                double h = (bottom - top) * value / max;
                double x = groupLeft + v * bar;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>%n",
                        x, bottom - h, bar - 2, h, COLOURS.get(VARIANTS.get(v)), workloads.get(w),
                        LABELS.get(VARIANTS.get(v)), fixed(value, value >= 100 ? 0 : 2)));
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%s</text>%n",
                        x + (bar - 2) / 2, bottom - h - 3, fixed(value, value >= 100 ? 0 : 1)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    left + w * group + group / 2, bottom + 15, workloads.get(w)));
        }
    }
}
