package dev.nlsql.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the given command-line options (same syntax as {@code org.openjdk.jmh.Main})
 * and then prints, for every benchmark that has a {@code target} parameter, the score of each
 * non-raw target divided by the score of {@code target=raw} with the same other parameters.
 * For time-per-operation modes a ratio of 1.03 means 3 % slower than the raw driver.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.nlsql.bench.RatioReport
 * -f 1 -wi 3 -i 5 -w 1s -r 1s ProxyOverheadBench}
 */
public final class RatioReport {

    private RatioReport() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.print(format(results));
    }

    /** One line per (benchmark, parameters other than target, non-raw target): ratio to raw. */
    static String format(Collection<RunResult> results) {
        Map<String, Map<String, Result<?>>> byKey = new TreeMap<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            if (p.getParam("target") == null) {
                continue;
            }
            StringBuilder key = new StringBuilder(shortName(p.getBenchmark()));
            for (String name : p.getParamsKeys()) {
                if (!name.equals("target")) {
                    String v = p.getParam(name);
                    key.append(' ').append(name).append('=').append(v.isEmpty() ? "\"\"" : v);
                }
            }
            byKey.computeIfAbsent(key.toString(), k -> new LinkedHashMap<>()).put(p.getParam("target"), r.getPrimaryResult());
        }
        List<String> lines = new ArrayList<>();
        lines.add("nlsql overhead: score(target) / score(raw), same run (time per op: lower is better)");
        for (Map.Entry<String, Map<String, Result<?>>> e : byKey.entrySet()) {
            Result<?> raw = e.getValue().get("raw");
            for (Map.Entry<String, Result<?>> t : e.getValue().entrySet()) {
                if (t.getKey().equals("raw")) {
                    continue;
                }
                Result<?> other = t.getValue();
                String ratio = raw == null ? "n/a (no raw run)"
                        : String.format("%.3fx", other.getScore() / raw.getScore());
                lines.add(String.format("  %-60s %-6s %s   (raw %s, %s %s)", e.getKey(), t.getKey(), ratio,
                        raw == null ? "-" : score(raw), t.getKey(), score(other)));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String score(Result<?> r) {
        return String.format("%.3f ± %.3f %s", r.getScore(), r.getScoreError(), r.getScoreUnit());
    }

    private static String shortName(String benchmark) {
        int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
        return benchmark.substring(dot + 1);
    }
}
