package dev.nlsql.tck;

import java.util.Map;
import java.util.Optional;

/**
 * Where nlsql answers differently from the raw driver on purpose. Each entry turns the raw
 * driver's answer into the answer nlsql must give, so that the difference itself is still
 * checked. tck-tests/README.md lists the same entries with their reasons; keep both in step.
 */
final class IntendedDifferences {

    private IntendedDifferences() {
    }

    /** Maps the raw answer to nlsql's expected answer. */
    @FunctionalInterface
    interface Expectation {
        String expected(String rawAnswer, TckDatabase db);
    }

    private static final Map<String, Expectation> BY_CASE = Map.of(
            // DatabaseMetaData.getURL() names the URL the client connected to: jdbc:nlsql:<target>.
            "dmd_url", (raw, db) -> raw.replaceFirst("^String:jdbc:", "String:jdbc:nlsql:"));

    /** The expectation for a case on an engine, if nlsql differs there on purpose. */
    static Optional<Expectation> forCase(String caseName, Engine engine) {
        return Optional.ofNullable(BY_CASE.get(caseName));
    }
}
