package io.github.sessionfilter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jose4j.json.internal.json_simple.parser.JSONParser;
import org.jose4j.json.internal.json_simple.parser.ParseException;

/** Reads the per-iteration scores out of a JMH JSON result file (jose4j's bundled JSON parser is on the classpath anyway). */
final class BaselineJson {

    private BaselineJson() {
    }

    static Map<String, List<Double>> iterations(String json) {
        Map<String, List<Double>> scores = new TreeMap<>();
        try {
            for (Object entry : (List<?>) new JSONParser().parse(json)) {
                Map<?, ?> run = (Map<?, ?>) entry;
                Map<?, ?> params = (Map<?, ?>) run.get("params");
                String param = params == null || params.isEmpty() ? "" : String.valueOf(params.values().iterator().next());
                String name = BenchmarkReport.name((String) run.get("benchmark"), param);
                List<?> forks = (List<?>) ((Map<?, ?>) run.get("primaryMetric")).get("rawData");
                for (Object fork : forks) {
                    for (Object score : (List<?>) fork) {
                        scores.computeIfAbsent(name, k -> new ArrayList<>()).add(((Number) score).doubleValue());
                    }
                }
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JMH JSON result", e);
        }
        return scores;
    }
}
