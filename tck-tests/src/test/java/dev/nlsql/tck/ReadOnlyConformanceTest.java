package dev.nlsql.tck;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The conformance suite in nlsql's default {@code read-only} policy mode: the same cases as
 * {@link ConformanceTest}, raw driver against {@code jdbc:nlsql:} with
 * {@code nlsql.policy.mode=read-only} on the same database. Differences are those of
 * {@link ReadOnlyDifferences} (writes to source tables refused, syntax errors refused by the
 * parser, the engine opened read-only) plus the audit-mode ones. Summary in
 * {@code target/tck-summary-fixture-read-only.txt}.
 */
class ReadOnlyConformanceTest extends ConformanceTest {

    @Override
    protected String policyMode() {
        return "read-only";
    }

    /** DuckDB: nlsql attaches the file read-only in an instance of its own, so the raw one must be closed first. */
    @Override
    protected boolean sidesOneAfterTheOther(Engine engine) {
        return engine == Engine.DUCKDB;
    }

    /** The same cases; a refusal escaping a probe (a write refused at prepare or addBatch) becomes its answer. */
    @Override
    protected List<ConformanceCase> cases(Engine engine) {
        List<ConformanceCase> all = new java.util.ArrayList<>(super.cases(engine));
        all.addAll(ReadOnlyDialectCases.forEngine(engine));
        return refusalsAsAnswers(all);
    }

    @Override
    protected Optional<IntendedDifferences.Expectation> intendedDifference(String caseName, Engine engine) {
        return ReadOnlyDifferences.forCase(caseName, engine);
    }

    /** Probes whose SQLException, if one escapes, is answered as {@link Dump#error}. */
    static List<ConformanceCase> refusalsAsAnswers(List<ConformanceCase> cases) {
        return cases.stream().map(c -> new ConformanceCase(c.name(), s -> {
            try {
                return c.probe().observe(s);
            } catch (SQLException e) {
                return Dump.error(e);
            }
        }, c.rawCheck())).toList();
    }
}
