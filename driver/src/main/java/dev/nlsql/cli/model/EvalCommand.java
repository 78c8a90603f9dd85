package dev.nlsql.cli.model;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.Translator;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.eval.EvalOutcome;
import dev.nlsql.model.eval.EvalSummary;
import dev.nlsql.model.eval.SpiderDataset;
import dev.nlsql.model.eval.SpiderExample;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model eval}: execution accuracy on Spider dev (the questions whose databases are
 * present), by hardness, with structural, schema and placeholder validity and translation
 * latency; writes a JSON report and a PNG chart; progress goes to standard error.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a translator on Spider dev: execution accuracy (overall and by hardness), "
                + "validity, placeholder exactness, latency. Writes <out>/<name>.json and <out>/<name>.png.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--spider", description = "Spider folder with dev.json, tables.json and database/ "
            + "(default: <nlsql.shared>/data/spider)")
    Path spider;

    @Option(names = "--questions", description = "question file inside the Spider folder (default: ${DEFAULT-VALUE})",
            defaultValue = "dev.json")
    String questions;

    @Option(names = "--name", description = "report file name stem (default: ${DEFAULT-VALUE})", defaultValue = "spider-dev")
    String name;

    @Option(names = "--query-timeout-ms", description = "per-query execution limit in ms (default: ${DEFAULT-VALUE})",
            defaultValue = "10000")
    long queryTimeoutMs;

    @Option(names = "--progress-every", description = "progress line every N questions (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    int progressEvery;

    @Mixin
    EvalOptions eval;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = spider != null ? spider : defaultSpider();
        Map<String, SchemaContext> schemas = SpiderSchemas.load(dir.resolve("tables.json"));
        List<SpiderExample> all = SpiderDataset.load(dir.resolve(questions));
        Path databases = dir.resolve("database");
        List<SpiderExample> selected = new ArrayList<>();
        int missing = 0;
        for (SpiderExample e : all) {
            if (!eval.selects(e.dbId())) {
                continue;
            }
            if (!SpiderDataset.hasDatabase(databases, e.dbId()) || !schemas.containsKey(e.dbId())) {
                missing++;
                continue;
            }
            if (!eval.wantsMore(selected.size())) {
                break;
            }
            selected.add(e);
        }
        if (selected.isEmpty()) {
            err.println("no questions selected (filters --db/--limit, or databases missing under " + databases + ")");
            return 2;
        }
        err.printf("evaluating %d questions from %s (%d skipped: database missing)%n", selected.size(),
                dir.resolve(questions), missing);
        err.flush();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<EvalOutcome> outcomes;
        Translator translator = model.open();
        try (translator;
                SpiderEvaluator evaluator = new SpiderEvaluator(translator, schemas, new SpiderEvaluator.Options(
                        databases, queryTimeoutMs, 100_000, eval.candidates, 5000))) {
            outcomes = evaluator.run(selected, line -> {
                err.println(line);
                err.flush();
            }, progressEvery);
            double wall = (System.nanoTime() - t0) / 1e9;
            EvalSummary summary = EvalSummary.of(outcomes);
            Path json = eval.writeReport(name, translator, started, wall, summary, outcomes,
                    translator.identity().shortForm() + " on " + name + ", " + summary.questions() + " questions");
            Path png = json.resolveSibling(name + ".png");
            outWriter.println("model: " + translator.identity().shortForm());
            summary.toLines().forEach(outWriter::println);
            outWriter.printf("wall time: %.1f s%nreport: %s%nchart: %s%n", wall, json, png);
            outWriter.flush();
        }
        return 0;
    }

    /** {@code <nlsql.shared>/data/spider}, where {@code nlsql.shared} defaults to {@code ../shared}. */
    static Path defaultSpider() {
        String shared = System.getProperty("nlsql.shared", System.getenv().getOrDefault("NLSQL_SHARED", "../shared"));
        Path withData = Path.of(shared, "data", "spider");
        return Files.isDirectory(withData) ? withData : Path.of(shared, "spider");
    }
}
