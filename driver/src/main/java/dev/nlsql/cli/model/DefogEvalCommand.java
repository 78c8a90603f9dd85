package dev.nlsql.cli.model;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.Translator;
import dev.nlsql.model.eval.EvalOutcome;
import dev.nlsql.model.eval.EvalSummary;
import dev.nlsql.model.eval.ProgressLine;
import dev.nlsql.model.eval.SpiderExample;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model eval-defog}: execution accuracy on defog sql-eval's SQLite questions. The
 * databases are built first with {@link DefogData} (PostgreSQL runs defog's scripts, the tables
 * are copied to SQLite). A candidate is correct when its result equals that of any of the gold
 * alternatives (rows as multisets, ordered where that gold query orders); sql-eval's looser
 * "subset" match (extra columns allowed) is not applied. Accuracy per sql-eval category is printed.
 */
@Command(name = "eval-defog", mixinStandardHelpOptions = true,
        description = "Evaluate a translator on defog sql-eval's SQLite questions (databases built through PostgreSQL).")
public final class DefogEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--defog", description = "defog folder with sql-eval/ and defog-data/ (default: <nlsql.shared>/data/defog)")
    Path defog;

    @Option(names = "--questions", description = "question file in sql-eval/ (default: ${DEFAULT-VALUE})",
            defaultValue = "questions_gen_sqlite.csv")
    String questions;

    @Option(names = "--pg-url", description = "PostgreSQL JDBC URL used to run defog's scripts "
            + "(default: jdbc: + env NLSQL_PG_URL, else the local test server)")
    String pgUrl;

    @Option(names = "--work", description = "folder for the SQLite databases (default: ${DEFAULT-VALUE})",
            defaultValue = "eval-out/defog-db")
    Path work;

    @Option(names = "--name", description = "report file name stem (default: ${DEFAULT-VALUE})", defaultValue = "defog-sqlite")
    String name;

    @Mixin
    EvalOptions eval;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = defog != null ? defog : EvalCommand.defaultSpider().getParent().resolve("defog");
        List<DefogQuestions.Question> all = DefogQuestions.load(dir.resolve("sql-eval").resolve(questions));
        List<DefogQuestions.Question> selected = new ArrayList<>();
        for (DefogQuestions.Question q : all) {
            if (eval.selects(q.db()) && eval.wantsMore(selected.size())) {
                selected.add(q);
            }
        }
        if (selected.isEmpty()) {
            err.println("no questions selected");
            return 2;
        }
        String url = pgUrl != null ? pgUrl : "jdbc:" + System.getenv().getOrDefault("NLSQL_PG_URL",
                "postgresql://127.0.0.1:54329/nlsql?user=nlsql&password=nlsql");
        Map<String, SchemaContext> schemas = new LinkedHashMap<>();
        for (DefogQuestions.Question q : selected) {
            if (!schemas.containsKey(q.db())) {
                schemas.put(q.db(), DefogData.build(url, dir.resolve("defog-data").resolve(q.db()).resolve(q.db() + ".sql"),
                        q.db(), work));
                err.println("built " + work.resolve(q.db()));
            }
        }
        Translator translator = model.open();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<EvalOutcome> outcomes = new ArrayList<>();
        Map<String, int[]> byCategory = new TreeMap<>();
        try (translator;
                SpiderEvaluator ev = new SpiderEvaluator(translator, schemas,
                        new SpiderEvaluator.Options(work, 10_000, 100_000, eval.candidates, 5000))) {
            int correct = 0;
            for (int i = 0; i < selected.size(); i++) {
                DefogQuestions.Question q = selected.get(i);
                EvalOutcome o = ev.evaluate(new SpiderExample(i, q.db(), q.question(), q.goldAlternatives().get(0), null),
                        q.goldAlternatives());
                outcomes.add(o);
                correct += o.correct() ? 1 : 0;
                int[] c = byCategory.computeIfAbsent(q.category(), k -> new int[2]);
                c[0]++;
                c[1] += o.correct() ? 1 : 0;
                if ((i + 1) % 20 == 0 || i + 1 == selected.size()) {
                    err.println(ProgressLine.format(i + 1, selected.size(), correct, (System.nanoTime() - t0) / 1_000_000));
                    err.flush();
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            EvalSummary summary = EvalSummary.of(outcomes);
            eval.writeReport(name, translator, started, wall, summary, outcomes,
                    translator.identity().shortForm() + " on " + name);
            long goldFailed = outcomes.stream().filter(o -> o.error() != null && o.error().startsWith("gold query failed")).count();
            stdout.println("model: " + translator.identity().shortForm());
            summary.toLines().stream().filter(l -> !l.startsWith("  ")).forEach(stdout::println);
            byCategory.forEach((k, c) -> stdout.printf("  %-15s %5.1f%% (%d/%d)%n", k, 100.0 * c[1] / c[0], c[1], c[0]));
            stdout.printf("gold queries that failed on the converted databases: %d%nwall time: %.1f s%n", goldFailed, wall);
            stdout.flush();
        }
        return 0;
    }
}
