package dev.nlsql.nl;

import dev.nlsql.policy.SqlPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.policy.Engine;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The question sets and the accuracy harness. A translator that answers with each question's
 * gold SQL (values replaced by the vault's placeholders) must score 100%: that checks, on every
 * question of both real databases, masking, validation, binding and execution together; a
 * translator that answers nonsense must score 0%.
 */
class QuestionSetTest {

    /** Answers with the gold template of the masked question it is asked. */
    static final class GoldTranslator implements Translator {
        final Map<String, String> byMasked = new HashMap<>();

        @Override
        public List<Candidate> translate(TranslationRequest request) {
            String sql = byMasked.get(request.question());
            return sql == null ? List.of() : List.of(new Candidate(sql, 0));
        }

        @Override
        public ModelIdentity identity() {
            return new ModelIdentity("gold", "0", "gold");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chinook", "northwind"})
    void goldTemplatesScoreFullMarks(String name) throws Exception {
        QuestionSet set = QuestionSet.load(name);
        assertTrue(set.questions().size() >= 25, "at least 25 questions");
        GoldTranslator gold = new GoldTranslator();
        List<String> problems = new ArrayList<>();
        try (Connection c = TestDatabases.openSqlite(TestDatabases.shared().resolve(set.path()))) {
            NlOptions o = NlOptions.defaults();
            JdbcValueIndex values = JdbcValueIndex.build(c, TestDatabases.snapshot(c), Engine.SQLITE,
                    o.valuesPerColumn(), o.valuesTotal(), o.valueMaxLength());
            for (QuestionSet.Item q : set.questions()) {
                assertFalse(NlDialectTest.query(c, q.sql()).isEmpty(), q.id() + ": gold returns no rows");
                MaskedQuestion m = IdVault.mask(q.question(), List.of(), values);
                String template = GoldTemplates.derive(q.sql(), m.slots(), values);
                if (template == null) {
                    problems.add(q.id() + ": masked as '" + m.text() + "' but gold SQL lacks a value of " + m.slots());
                } else {
                    gold.byMasked.put(m.text(), template);
                }
            }
        }
        assertEquals(List.of(), problems);
        AccuracyCheck.Report r = AccuracyCheck.run(name, gold, SqlPolicy.forEngine(Engine.SQLITE));
        List<String> wrong = r.outcomes().stream().filter(x -> !x.correct())
                .map(x -> x.id() + " " + x.masked() + " -> " + (x.sql() != null ? x.sql() : x.error())).toList();
        assertEquals(List.of(), wrong);
        assertEquals(1.0, r.accuracy());
        System.out.println("gold round trip " + r.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chinook"})
    void nonsenseScoresNothingAndNeverRuns(String name) throws Exception {
        Translator nonsense = new FixedTranslator("SELECT Missing FROM Nowhere", "UPDATE Track SET Name = 'x'");
        AccuracyCheck.Report r = AccuracyCheck.run(name, nonsense, SqlPolicy.forEngine(Engine.SQLITE));
        assertEquals(0, r.valid());
        assertEquals(0.0, r.accuracy());
        assertTrue(r.outcomes().stream().allMatch(o -> o.error().contains("unknown table: Nowhere")));
    }
}
