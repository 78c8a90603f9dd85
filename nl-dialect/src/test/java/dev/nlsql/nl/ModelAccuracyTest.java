package dev.nlsql.nl;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nlsql.model.Translator;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.SqlPolicy;
import org.junit.jupiter.api.Test;

/**
 * Reports the execution accuracy of the real model on the Chinook and Northwind question sets.
 * The translator comes from {@code -Dnlsql.accuracy.translator=<class>} or a
 * {@link java.util.ServiceLoader} provider of {@link Translator}; with neither on the class path
 * the test is skipped (reported as such), since there is nothing to measure. NL options come from
 * system properties ({@code -Dnlsql.nl.link.maxTables=4} ...). It prints figures and asserts no
 * threshold.
 */
class ModelAccuracyTest {

    @Test
    void reportAccuracyOfTheAvailableModel() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Translator t = AccuracyCheck.translator(System.getProperty("nlsql.accuracy.translator"));
        assumeTrue(t != null, "no Translator on the class path: set -Dnlsql.accuracy.translator=<class>");
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
            }
        }
    }
}
