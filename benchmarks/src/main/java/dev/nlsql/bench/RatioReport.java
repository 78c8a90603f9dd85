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
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs JMH with the given command-line options (same syntax as {@code org.openjdk.jmh.Main})
 * and prints, for every benchmark that has a {@code target} parameter, the score of each
 * non-raw target divided by the score of {@code target=raw} with the same other parameters.
 * For time-per-operation modes a ratio of 1.03 means 3 % slower than the raw driver.
 *
 * <p>{@code --rounds N} (first argument, N &gt; 1) runs the targets N times, alternating which
 * goes first, and reports the median per-round ratio with its range: on a shared, loaded
 * machine this keeps a load change between the raw run and the nlsql run from posing as
 * overhead.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.nlsql.bench.RatioReport
 * [--rounds 3] -f 1 -wi 3 -i 5 -w 1s -r 1s ProxyOverheadBench}
 */
public final class RatioReport {

    private RatioReport() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        int rounds = 1;
        List<String> jmhArgs = new ArrayList<>(List.of(args));
        if (jmhArgs.size() >= 2 && jmhArgs.get(0).equals("--rounds")) {
            rounds = Integer.parseInt(jmhArgs.get(1));
            jmhArgs = jmhArgs.subList(2, jmhArgs.size());
        }
        CommandLineOptions cmd = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        if (rounds <= 1) {
            Collection<RunResult> results = new Runner(cmd).run();
            System.out.println();
            System.out.print(format(List.of(byKey(results))));
            return;
        }
        List<String> targets = new ArrayList<>(cmd.getParameter("target").orElse(List.of("raw", "nlsql")));
        List<Map<String, Map<String, Result<?>>>> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<RunResult> round = new ArrayList<>();
            List<String> order = new ArrayList<>(targets);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String t : order) {
                Options o = new OptionsBuilder().parent(cmd).param("target", t).build();
                round.addAll(new Runner(o).run());
            }
            perRound.add(byKey(round));
        }
        System.out.println();
        System.out.print(format(perRound));
    }

    /** Groups results: "benchmark params-without-target" to (target to primary result). */
    static Map<String, Map<String, Result<?>>> byKey(Collection<RunResult> results) {
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
        return byKey;
    }

    /**
     * One line per (benchmark and parameters, non-raw target): the median over rounds of
     * score(target) / score(raw), the range when there are several rounds, and the scores.
     */
    static String format(List<Map<String, Map<String, Result<?>>>> rounds) {
        Map<String, List<String>> lines = new TreeMap<>();
        Map<String, List<double[]>> ratios = new TreeMap<>();
        for (Map<String, Map<String, Result<?>>> round : rounds) {
            for (Map.Entry<String, Map<String, Result<?>>> e : round.entrySet()) {
                Result<?> raw = e.getValue().get("raw");
                for (Map.Entry<String, Result<?>> t : e.getValue().entrySet()) {
                    if (t.getKey().equals("raw") || raw == null) {
                        continue;
                    }
                    String id = String.format("%-58s %-6s", e.getKey(), t.getKey());
                    ratios.computeIfAbsent(id, k -> new ArrayList<>()).add(new double[] {
                        t.getValue().getScore() / raw.getScore(), raw.getScore(), t.getValue().getScore()});
                    lines.computeIfAbsent(id, k -> new ArrayList<>()).add(raw.getScoreUnit());
                }
            }
        }
        StringBuilder sb = new StringBuilder("nlsql overhead: score(target) / score(raw), same run"
                + (rounds.size() > 1 ? ", median of " + rounds.size() + " alternating rounds" : "")
                + " (time per op: lower is better)\n");
        for (Map.Entry<String, List<double[]>> e : ratios.entrySet()) {
            List<double[]> rs = e.getValue();
            double[] ratio = rs.stream().mapToDouble(x -> x[0]).sorted().toArray();
            double[] raw = rs.stream().mapToDouble(x -> x[1]).sorted().toArray();
            double[] other = rs.stream().mapToDouble(x -> x[2]).sorted().toArray();
            String unit = lines.get(e.getKey()).get(0);
            sb.append(String.format("  %s %.3fx", e.getKey(), median(ratio)));
            if (ratio.length > 1) {
                sb.append(String.format(" (rounds %.3f..%.3f)", ratio[0], ratio[ratio.length - 1]));
            }
            sb.append(String.format("   raw %.3f %s, target %.3f %s%n", median(raw), unit, median(other), unit));
        }
        return sb.toString();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String shortName(String benchmark) {
        int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
        return benchmark.substring(dot + 1);
    }
}
