package dev.nlsql.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregate figures over evaluated questions.
 *
 * @param questions number of questions evaluated
 * @param correct questions whose result matched the gold result
 * @param executionAccuracy {@code correct / questions} (0..1; 0 when no questions)
 * @param byHardness per Spider hardness level (easy, medium, hard, extra), in that order
 * @param emitted questions for which the translator produced a candidate
 * @param parseRate share of emitted candidates that parse (0..1)
 * @param schemaValidRate share of emitted candidates naming only schema objects (0..1)
 * @param placeholderExactRate share of emitted candidates using exactly the given
 *     placeholders (0..1)
 * @param executedRate share of emitted candidates that ran without error (0..1)
 * @param latencyP50Ms median translation latency in milliseconds
 * @param latencyP95Ms 95th percentile translation latency in milliseconds (nearest rank)
 * @param latencyMeanMs mean translation latency in milliseconds
 * @param selectionMeasured questions whose outcome carries a selection time
 *     ({@link EvalOutcome#selectionMs()})
 * @param selectionP50Ms median selection time (execution-guided probes) over those, in
 *     milliseconds; {@code null} when none was measured
 * @param selectionP95Ms 95th percentile selection time (nearest rank), milliseconds, or {@code null}
 * @param selectionMeanMs mean selection time, milliseconds, or {@code null}
 * @param totalP50Ms median of translation plus selection time over those questions, milliseconds,
 *     or {@code null}
 */
public record EvalSummary(
        int questions,
        int correct,
        double executionAccuracy,
        Map<String, Level> byHardness,
        int emitted,
        double parseRate,
        double schemaValidRate,
        double placeholderExactRate,
        double executedRate,
        double latencyP50Ms,
        double latencyP95Ms,
        double latencyMeanMs,
        int selectionMeasured,
        Double selectionP50Ms,
        Double selectionP95Ms,
        Double selectionMeanMs,
        Double totalP50Ms) {

    /**
     * Figures for one hardness level.
     *
     * @param questions questions at this level
     * @param correct correct ones
     * @param executionAccuracy {@code correct / questions} (0 when none)
     */
    public record Level(int questions, int correct, double executionAccuracy) {}

    /** Summarises outcomes. */
    public static EvalSummary of(List<EvalOutcome> outcomes) {
        int n = outcomes.size();
        int correct = 0;
        int emitted = 0;
        int parses = 0;
        int schemaValid = 0;
        int exact = 0;
        int executed = 0;
        Map<String, int[]> levels = new LinkedHashMap<>();
        for (Hardness h : Hardness.values()) {
            levels.put(h.label(), new int[2]);
        }
        double[] lat = new double[n];
        double[] sel = new double[n];
        double[] total = new double[n];
        int k = 0;
        int m = 0;
        for (EvalOutcome o : outcomes) {
            lat[k++] = o.latencyMs();
            if (o.selectionMs() != null) {
                sel[m] = o.selectionMs();
                total[m++] = o.totalMs();
            }
            if (o.correct()) {
                correct++;
            }
            if (o.hardness() != null) {
                int[] l = levels.get(o.hardness().label());
                l[0]++;
                if (o.correct()) {
                    l[1]++;
                }
            }
            if (o.emitted()) {
                emitted++;
                parses += o.parses() ? 1 : 0;
                schemaValid += o.schemaValid() ? 1 : 0;
                exact += o.placeholdersExact() ? 1 : 0;
                executed += o.executed() ? 1 : 0;
            }
        }
        Map<String, Level> byHardness = new LinkedHashMap<>();
        levels.forEach((name, l) -> byHardness.put(name, new Level(l[0], l[1], ratio(l[1], l[0]))));
        Arrays.sort(lat);
        double mean = n == 0 ? 0 : Arrays.stream(lat).sum() / n;
        sel = Arrays.copyOf(sel, m);
        total = Arrays.copyOf(total, m);
        Arrays.sort(sel);
        Arrays.sort(total);
        return new EvalSummary(n, correct, ratio(correct, n), byHardness, emitted, ratio(parses, emitted),
                ratio(schemaValid, emitted), ratio(exact, emitted), ratio(executed, emitted),
                percentile(lat, 50), percentile(lat, 95), mean, m,
                m == 0 ? null : percentile(sel, 50), m == 0 ? null : percentile(sel, 95),
                m == 0 ? null : Arrays.stream(sel).sum() / m, m == 0 ? null : percentile(total, 50));
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /** Human-readable lines: overall, by hardness, validity rates, latency, and selection time where measured. */
    public List<String> toLines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("execution accuracy: %.1f%% (%d/%d)", 100 * executionAccuracy, correct, questions));
        byHardness.forEach((name, l) -> out.add(String.format("  %-6s %5.1f%% (%d/%d)", name,
                100 * l.executionAccuracy(), l.correct(), l.questions())));
        out.add(String.format("emitted %d/%d; of those: parse %.1f%%, schema-valid %.1f%%, placeholders exact %.1f%%, executed %.1f%%",
                emitted, questions, 100 * parseRate, 100 * schemaValidRate, 100 * placeholderExactRate, 100 * executedRate));
        out.add(String.format("translation latency: p50 %.1f ms, p95 %.1f ms, mean %.1f ms", latencyP50Ms, latencyP95Ms, latencyMeanMs));
        if (selectionMeasured > 0) {
            out.add(String.format("selection (candidate checks and execution-guided probes, scored run included; %d questions):"
                    + " p50 %.1f ms, p95 %.1f ms, mean %.1f ms; translation + selection p50 %.1f ms",
                    selectionMeasured, selectionP50Ms, selectionP95Ms, selectionMeanMs, totalP50Ms));
        }
        return out;
    }
}
