package dev.nlsql.cli.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.eval.EvalOutcome;
import dev.nlsql.model.eval.SpiderExample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** defog sql-eval: the CSV reader, the PostgreSQL-to-SQLite build on the real server, and scoring with gold alternatives. */
class DefogTest {

    static String pgUrl() {
        return "jdbc:" + System.getenv().getOrDefault("NLSQL_PG_URL", "postgresql://127.0.0.1:54329/nlsql?user=nlsql&password=nlsql");
    }

    static Path defog() {
        return SpiderEvaluatorTest.spiderDir().getParent().resolve("defog");
    }

    @Test
    void csvWithQuotesNewlinesAndAlternatives() {
        var rows = DefogQuestions.parse("a,b\n\"x, \"\"y\"\"\",\"line1\nline2\"\r\nlast,\n");
        assertEquals(List.of(List.of("a", "b"), List.of("x, \"y\"", "line1\nline2"), List.of("last", "")), rows);
    }

    @Test
    void brokerBuildsAndEveryGoldQueryRuns(@TempDir Path dir) throws Exception {
        List<DefogQuestions.Question> broker = DefogQuestions.load(defog().resolve("sql-eval/questions_gen_sqlite.csv"))
                .stream().filter(q -> q.db().equals("broker")).toList();
        assertEquals(5, broker.size());
        SchemaContext schema = DefogData.build(pgUrl(), defog().resolve("defog-data/broker/broker.sql"), "broker", dir);
        assertTrue(schema.tables().stream().anyMatch(t -> t.name().equals("sbtransaction") || t.name().equals("sbTransaction")),
                schema.toCompactText());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("broker/broker.sqlite"));
                Statement st = c.createStatement()) {
            for (DefogQuestions.Question q : broker) {
                for (String gold : q.goldAlternatives()) {
                    try (ResultSet rs = st.executeQuery(gold)) {
                        rs.next(); // runs without error on the converted data
                    }
                }
            }
        }

        DefogQuestions.Question noValues = broker.get(3); // days from joining to the first transaction
        SpiderExample e = new SpiderExample(3, "broker", noValues.question(), noValues.goldAlternatives().get(0), null);
        Map<String, SchemaContext> schemas = Map.of("broker", schema);
        try (SpiderEvaluator ev = new SpiderEvaluator(SpiderEvaluatorTest.fixed(noValues.goldAlternatives().get(0)), schemas,
                SpiderEvaluator.Options.defaults(dir))) {
            EvalOutcome o = ev.evaluate(e, noValues.goldAlternatives());
            assertTrue(o.correct(), o.toString());
        }
        try (SpiderEvaluator ev = new SpiderEvaluator(SpiderEvaluatorTest.fixed("SELECT 1"), schemas,
                SpiderEvaluator.Options.defaults(dir))) {
            assertFalse(ev.evaluate(e, noValues.goldAlternatives()).correct());
        }
    }
}
