package dev.nlsql.model.eval;

import java.time.Duration;

/** Formats the one-line progress shown while an evaluation runs. */
public final class ProgressLine {

    private ProgressLine() {}

    /**
     * e.g. {@code [ 120/972] EX 34.2% | 1.93 q/s | elapsed 1m02s | ETA 7m21s}.
     *
     * @param done questions finished
     * @param total questions in the run
     * @param correct correct ones so far
     * @param elapsedMs wall time so far, milliseconds
     */
    public static String format(int done, int total, int correct, long elapsedMs) {
        double rate = elapsedMs <= 0 ? 0 : done * 1000.0 / elapsedMs;
        long etaMs = rate <= 0 ? 0 : (long) ((total - done) / rate * 1000);
        int width = String.valueOf(total).length();
        return String.format("[%" + width + "d/%d] EX %.1f%% | %.2f q/s | elapsed %s | ETA %s", done, total,
                done == 0 ? 0.0 : 100.0 * correct / done, rate, duration(elapsedMs), duration(etaMs));
    }

    static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        return h > 0 ? String.format("%dh%02dm%02ds", h, m, s) : String.format("%dm%02ds", m, s);
    }
}
