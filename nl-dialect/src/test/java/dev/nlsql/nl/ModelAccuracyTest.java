package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.Translator;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.SqlPolicy;
import org.junit.jupiter.api.Test;

/**
 * Reports the execution accuracy of the real model on the Chinook and Northwind question sets.
 * The translator comes from {@code -Dnlsql.accuracy.translator=<class>}, else the shipped
 * model ({@link DjlTranslator#fromClasspath(int)}, beam 4). NL options come from system
 * properties ({@code -Dnlsql.nl.link.maxTables=4} ...). It prints the figures; it asserts no
 * accuracy threshold, only that every question was answered or refused with a reason and that
 * nothing invalid was counted as an answer.
 */
class ModelAccuracyTest {

    @Test
    void reportAccuracyOfTheAvailableModel() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        String named = System.getProperty("nlsql.accuracy.translator");
        Translator t = named != null ? AccuracyCheck.translator(named) : DjlTranslator.fromClasspath(4);
        assertTrue(t != null, "no translator " + named);
        try (t) {
            System.out.println("translator: " + t.identity().shortForm());
            for (String set : QuestionSet.NAMES) {
                AccuracyCheck.Report r = AccuracyCheck.run(set, t, SqlPolicy.forEngine(Engine.SQLITE),
                        NlOptions.from(System.getProperties()));
                for (AccuracyCheck.Outcome o : r.outcomes()) {
                    System.out.printf("%s %s %s | %s%n", o.correct() ? "OK  " : (o.valid() ? "DIFF" : "FAIL"), o.id(),
                            o.question(), o.sql() != null ? o.sql() : o.error());
                }
                System.out.println(r.summary());
                assertFalse(r.outcomes().isEmpty(), set + ": no questions");
                for (AccuracyCheck.Outcome o : r.outcomes()) {
                    assertTrue(!o.correct() || o.valid(), o.id() + ": counted correct but not valid");
                    assertTrue(o.sql() != null || o.error() != null, o.id() + ": neither SQL nor a reason");
                }
            }
        }
    }
}
