package dev.nlsql.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.Translator;
import dev.nlsql.model.data.SpiderSchemas;
import dev.nlsql.model.eval.EvalOutcome;
import dev.nlsql.model.eval.EvalSummary;
import dev.nlsql.model.eval.SpiderDataset;
import dev.nlsql.model.eval.SpiderExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness on a few real Spider dev questions and their real SQLite databases. */
class SpiderEvaluatorTest {

    /** Dev questions with values of each sort: quoted, unquoted (France), numbers, BETWEEN, LIKE, set operations. */
    static final int[] SUBSET = {0, 4, 5, 8, 14, 20, 24, 30, 31, 39, 43};

    static Path spider;
    static Map<String, SchemaContext> schemas;
    static List<SpiderExample> subset = new ArrayList<>();

    static Path spiderDir() {
        Path shared = Path.of(System.getProperty("nlsql.shared", "../../shared"));
        Path withData = shared.resolve("data").resolve("spider");
        return Files.isDirectory(withData) ? withData : shared.resolve("spider");
    }

    @BeforeAll
    static void load() throws Exception {
        spider = spiderDir();
        schemas = SpiderSchemas.load(spider.resolve("tables.json"));
        List<SpiderExample> dev = SpiderDataset.load(spider.resolve("dev.json"));
        for (int i : SUBSET) {
            subset.add(dev.get(i));
        }
    }

    private static SpiderEvaluator evaluator(Translator t) {
        return new SpiderEvaluator(t, schemas, SpiderEvaluator.Options.defaults(spider.resolve("database")));
    }

    @Test
    void oracleScoresFullMarks() throws Exception {
        OracleTranslator oracle = new OracleTranslator();
        List<String> progress = new ArrayList<>();
        List<EvalOutcome> outcomes;
        try (SpiderEvaluator ev = evaluator(oracle)) {
            for (SpiderExample e : subset) {
                oracle.learn(e, ev.mask(e));
            }
            outcomes = ev.run(subset, progress::add, 5);
        }
        EvalSummary s = EvalSummary.of(outcomes);
        for (EvalOutcome o : outcomes) {
            assertTrue(o.correct(), () -> o.index() + ": " + o.maskedQuestion() + " -> " + o.predictedSql() + " : " + o.error());
        }
        assertEquals(1.0, s.executionAccuracy());
        assertEquals(1.0, s.parseRate());
        assertEquals(1.0, s.schemaValidRate());
        assertEquals(1.0, s.placeholderExactRate());
        // values really went through placeholders and bound parameters
        EvalOutcome france = outcomes.get(1);
        assertEquals("What is the average, minimum, and maximum age of all singers from __STR_1__?", france.maskedQuestion());
        assertTrue(france.predictedSql().matches(".*=\\s+__STR_1__.*"), france.predictedSql());
        assertTrue(outcomes.get(9).predictedSql().contains("'%__STR_1__%'"), outcomes.get(9).predictedSql());
        assertEquals(3, progress.size());
        assertTrue(progress.get(2).startsWith("[11/11] EX 100.0%"), progress.get(2));
    }

    @Test
    void wrongAnswersScoreZero() throws Exception {
        Translator wrong = fixed("SELECT 'wrong answer'");
        try (SpiderEvaluator ev = evaluator(wrong)) {
            EvalSummary s = EvalSummary.of(ev.run(subset, line -> { }, 100));
            assertEquals(0.0, s.executionAccuracy());
            assertEquals(1.0, s.parseRate());
        }
    }

    @Test
    void invalidOutputIsCountedNotRun() throws Exception {
        SpiderExample q = subset.get(0); // How many singers do we have?
        try (SpiderEvaluator ev = evaluator(fixed("SELECT count(*) FROM singers_typo"))) {
            EvalOutcome o = ev.evaluate(q);
            assertTrue(o.parses());
            assertFalse(o.schemaValid());
            assertFalse(o.executed());
            assertFalse(o.correct());
            assertTrue(o.error().contains("singers_typo"), o.error());
        }
        try (SpiderEvaluator ev = evaluator(fixed("SELEKT count(*) FROM singer"))) {
            EvalOutcome o = ev.evaluate(q);
            assertFalse(o.parses());
            assertFalse(o.executed());
        }
        try (SpiderEvaluator ev = evaluator(fixed("SELECT count(*) FROM singer WHERE name = __STR_7__"))) {
            EvalOutcome o = ev.evaluate(q);
            assertFalse(o.placeholdersExact());
            assertFalse(o.executed());
            assertTrue(o.error().contains("__STR_7__"), o.error());
        }
    }

    @Test
    void firstCandidateThatRunsIsScored() throws Exception {
        SpiderExample q = subset.get(0); // How many singers do we have?
        Translator two = new Translator() {
            @Override
            public List<Candidate> translate(dev.nlsql.model.TranslationRequest request) {
                return List.of(new Candidate("SELECT count(*) FROM nosuch", -0.1), // invalid: never run
                        new Candidate("SELECT count(*) FROM singer ORDER BY 1 LIMIT 1 INTERSECT SELECT 1", -0.2), // SQLite rejects
                        new Candidate("SELECT count(*) FROM singer", -0.3),
                        new Candidate("SELECT 0", -0.4));
            }

            @Override
            public ModelIdentity identity() {
                return new ModelIdentity("two-test", "22".repeat(32), "none");
            }
        };
        try (SpiderEvaluator ev = evaluator(two)) {
            EvalOutcome o = ev.evaluate(q);
            assertEquals("SELECT count(*) FROM singer", o.predictedSql());
            assertTrue(o.correct());
        }
    }

    @Test
    void aCandidateReturningRowsIsPreferredToAnEmptyOne() throws Exception {
        SpiderExample q = subset.get(0); // How many singers do we have?
        Translator t = new Translator() {
            @Override
            public List<Candidate> translate(dev.nlsql.model.TranslationRequest request) {
                return List.of(new Candidate("SELECT name FROM singer WHERE age < 0", -0.1), // runs, no rows
                        new Candidate("SELECT count(*) FROM singer", -0.2),
                        new Candidate("SELECT 0", -0.3));
            }

            @Override
            public ModelIdentity identity() {
                return new ModelIdentity("eg-test", "33".repeat(32), "none");
            }
        };
        try (SpiderEvaluator ev = evaluator(t)) {
            EvalOutcome o = ev.evaluate(q);
            assertEquals("SELECT count(*) FROM singer", o.predictedSql());
            assertTrue(o.correct());
        }
        // with no candidate returning rows, the first that executes is scored
        try (SpiderEvaluator ev = evaluator(fixedList("SELECT count(*) FROM nosuch", "SELECT name FROM singer WHERE age < 0",
                "SELECT name FROM singer WHERE age < -1"))) {
            EvalOutcome o = ev.evaluate(q);
            assertEquals("SELECT name FROM singer WHERE age < 0", o.predictedSql());
            assertTrue(o.executed());
            assertFalse(o.correct());
        }
    }

    static Translator fixedList(String... sqls) {
        return new Translator() {
            @Override
            public List<Candidate> translate(dev.nlsql.model.TranslationRequest request) {
                List<Candidate> out = new ArrayList<>();
                for (int i = 0; i < sqls.length; i++) {
                    out.add(new Candidate(sqls[i], -i));
                }
                return out;
            }

            @Override
            public ModelIdentity identity() {
                return new ModelIdentity("list-test", "44".repeat(32), "none");
            }
        };
    }

    @Test
    void runawayQueriesHitTheTimeout() throws Exception {
        Translator runaway = fixed("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r");
        SpiderEvaluator.Options o = new SpiderEvaluator.Options(spider.resolve("database"), 1000, 1000, 1, 100);
        long t0 = System.nanoTime();
        try (SpiderEvaluator ev = new SpiderEvaluator(runaway, schemas, o)) {
            EvalOutcome out = ev.evaluate(subset.get(0));
            assertFalse(out.executed());
            assertFalse(out.correct());
        }
        assertTrue((System.nanoTime() - t0) / 1e9 < 8, "timeout not enforced");
    }

    static Translator fixed(String sql) {
        return new Translator() {
            @Override
            public List<Candidate> translate(dev.nlsql.model.TranslationRequest request) {
                return List.of(new Candidate(sql, 0));
            }

            @Override
            public ModelIdentity identity() {
                return new ModelIdentity("fixed-test", "11".repeat(32), "none");
            }
        };
    }
}
