package dev.nlsql.cli.model;

import dev.nlsql.model.Translator;
import dev.nlsql.model.eval.AccuracyChart;
import dev.nlsql.model.eval.EvalOutcome;
import dev.nlsql.model.eval.EvalReport;
import dev.nlsql.model.eval.EvalSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every evaluation command shares (which questions, candidates per question, report
 * folder) and the report they all write: {@code <out>/<name>.json} ({@link EvalReport}) and
 * {@code <out>/<name>.png} ({@link AccuracyChart}).
 */
public final class EvalOptions {

    @Option(names = "--limit", description = "evaluate at most this many questions (default: all)")
    Integer limit;

    @Option(names = "--db", description = "only these database ids (repeatable)")
    List<String> dbs = new ArrayList<>();

    @Option(names = "--out", description = "report folder (default: ${DEFAULT-VALUE})", defaultValue = "eval-out")
    Path out;

    @Option(names = "--candidates", description = "candidates asked per question; scored is the first that passes the "
            + "checks, executes and returns rows, else the first that executes (execution-guided selection, as in the "
            + "NL dialect) (default: ${DEFAULT-VALUE})", defaultValue = "4")
    int candidates;

    /** Whether {@code --db} lets questions on database {@code dbId} through (no {@code --db}: all do). */
    boolean selects(String dbId) {
        return dbs.isEmpty() || dbs.contains(dbId);
    }

    /** Whether {@code --limit} allows more questions once {@code selected} are taken. */
    boolean wantsMore(int selected) {
        return limit == null || selected < limit;
    }

    /**
     * Writes the JSON report and the accuracy chart under {@code --out} (created if missing).
     *
     * @param name report file name stem
     * @param translator the translator evaluated (its identity goes into the report)
     * @param started when the evaluation began
     * @param wallSeconds wall time of the evaluation in seconds
     * @param chartTitle title drawn on the chart
     * @return the JSON report's path; the chart is the sibling {@code <name>.png}
     * @throws IOException when a file cannot be written
     */
    Path writeReport(String name, Translator translator, Instant started, double wallSeconds, EvalSummary summary,
            List<EvalOutcome> outcomes, String chartTitle) throws IOException {
        EvalReport report = new EvalReport(name, translator.identity(), started.toString(), wallSeconds, summary, outcomes);
        Files.createDirectories(out);
        Path json = out.resolve(name + ".json");
        report.write(json);
        AccuracyChart.write(summary, chartTitle, out.resolve(name + ".png"));
        return json;
    }
}
