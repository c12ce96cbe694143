package io.github.sessionfilter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks and writes their results as a Markdown section (used by benchmarks/run.sh).
 * Reports the median and the minimum of the measured iterations beside JMH's mean: on a shared machine
 * the mean is dragged up by iterations during which other processes had the CPU.
 *
 * <p>Arguments: output file, then {@code key=value} options: {@code rounds} (how many times each
 * benchmark runs, in turn with the others, default 2), {@code iterations} (measured, default 8),
 * {@code warmups} (default 5), {@code include} (a JMH regex, default all), {@code baseline} (a
 * benchmarks jar built from an older commit: each round then runs it and this build alternately, and
 * the report gives the ratio).
 */
public final class BenchmarkReport {

    public static void main(String[] args) throws IOException, RunnerException, InterruptedException {
        Path output = Path.of(args[0]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            options.put(pair[0], pair[1]);
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        String include = options.getOrDefault("include", "io.github.sessionfilter.benchmarks.*Benchmark.*");
        String baseline = options.get("baseline");
        Map<String, List<Double>> current = new TreeMap<>();
        Map<String, List<Double>> before = new TreeMap<>();
        for (int round = 1; round <= rounds; round++) {
            if (baseline != null) {
                collect(runJar(baseline, include, options, output.resolveSibling("baseline-" + round + ".json")), before);
            }
            collect(new Runner(jmhOptions(include, options).build()).run(), current);
        }
        Files.writeString(output, markdown(current, before, rounds, options));
    }

    private static ChainedOptionsBuilder jmhOptions(String include, Map<String, String> options) {
        return new OptionsBuilder().include(include).forks(1)
                .warmupIterations(Integer.parseInt(options.getOrDefault("warmups", "5")))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(Integer.parseInt(options.getOrDefault("iterations", "8")))
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.MICROSECONDS);
    }

    /** The baseline runs in its own JVM from its own jar, with the same settings; results come back as JSON. */
    private static Map<String, List<Double>> runJar(String jar, String include, Map<String, String> options, Path json)
            throws IOException, InterruptedException {
        List<String> command = List.of("java", "-jar", jar, include, "-f", "1",
                "-wi", options.getOrDefault("warmups", "5"), "-w", "1",
                "-i", options.getOrDefault("iterations", "8"), "-r", "1", "-tu", "us",
                "-rf", "json", "-rff", json.toString());
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("baseline run failed: " + command);
        }
        return BaselineJson.iterations(Files.readString(json));
    }

    private static void collect(Collection<RunResult> results, Map<String, List<Double>> into) {
        for (RunResult run : results) {
            String name = name(run.getParams().getBenchmark(), run.getParams().getParamsKeys().isEmpty() ? ""
                    : run.getParams().getParam(run.getParams().getParamsKeys().iterator().next()));
            for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    into.computeIfAbsent(name, k -> new ArrayList<>()).add(iteration.getPrimaryResult().getScore());
                }
            }
        }
    }

    private static void collect(Map<String, List<Double>> results, Map<String, List<Double>> into) {
        results.forEach((name, scores) -> into.computeIfAbsent(name, k -> new ArrayList<>()).addAll(scores));
    }

    static String name(String benchmark, String param) {
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        return param.isEmpty() ? shortName : shortName + " [" + param + "]";
    }

    private static String markdown(Map<String, List<Double>> current, Map<String, List<Double>> before, int rounds,
                                   Map<String, String> options) {
        StringBuilder md = new StringBuilder();
        md.append("Each benchmark ran ").append(rounds).append(" time(s), in turn with the others");
        if (!before.isEmpty()) {
            md.append(" and alternating with the baseline build (`").append(options.get("baseline-label"))
                    .append("`)");
        }
        md.append("; ").append(options.getOrDefault("iterations", "8")).append(" measured iterations of 1 s after ")
                .append(options.getOrDefault("warmups", "5")).append(" of warm-up each time. Times in µs per operation;")
                .append(" the median is the figure to quote, the mean is pulled up by iterations during which other")
                .append(" processes had the CPU.\n\n");
        if (before.isEmpty()) {
            md.append("| benchmark | median | min | mean | iterations |\n|---|---:|---:|---:|---:|\n");
            current.forEach((name, scores) -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n",
                    name, median(scores), min(scores), mean(scores), scores.size())));
        } else {
            md.append("| benchmark | baseline median | median | median ratio (baseline / now) | baseline min | min |\n")
                    .append("|---|---:|---:|---:|---:|---:|\n");
            current.forEach((name, scores) -> {
                List<Double> old = before.get(name);
                if (old == null) {
                    md.append(String.format(Locale.ROOT, "| %s | – | %.3f | – | – | %.3f |%n", name, median(scores),
                            min(scores)));
                } else {
                    md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.1f× | %.3f | %.3f |%n", name,
                            median(old), median(scores), median(old) / median(scores), min(old), min(scores)));
                }
            });
        }
        return md.toString();
    }

    static double median(List<Double> scores) {
        List<Double> sorted = new ArrayList<>(scores);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double min(List<Double> scores) {
        return scores.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double mean(List<Double> scores) {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
