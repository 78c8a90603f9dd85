package dev.nlsql.tck;

import java.util.List;
import java.util.Optional;

/**
 * {@link ChinookConformanceTest} in nlsql's default {@code read-only} policy mode: realistic
 * read-only queries on real data must answer exactly as the raw driver does (only the
 * audit-mode differences apply; none of the read-only ones, which concern writes).
 */
class ReadOnlyChinookConformanceTest extends ChinookConformanceTest {

    @Override
    protected String policyMode() {
        return "read-only";
    }

    @Override
    protected List<ConformanceCase> cases(Engine engine) {
        return ReadOnlyConformanceTest.refusalsAsAnswers(super.cases(engine));
    }

    @Override
    protected Optional<IntendedDifferences.Expectation> intendedDifference(String caseName, Engine engine) {
        return ReadOnlyDifferences.forCase(caseName, engine);
    }
}
