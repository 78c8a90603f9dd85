package dev.nlsql.tck;

/**
 * One conformance check: a probe run once on the raw driver and once through nlsql, whose
 * canonical answers (see {@link Dump}) must be equal unless {@link IntendedDifferences} says
 * otherwise, and an optional sanity check on the raw answer so that a probe that observes
 * nothing cannot pass by accident.
 *
 * @param name     short id, unique in the catalogue (used in reports and in README's table)
 * @param probe    what to do on a side, answering canonical text
 * @param rawCheck assertion on the raw side's answer (may throw {@link AssertionError})
 */
record ConformanceCase(String name, Probe probe, RawCheck rawCheck) {

    /** Runs the case's JDBC calls on one side. */
    @FunctionalInterface
    interface Probe {
        String observe(Side side) throws Exception;
    }

    /** Checks the raw answer against what the fixture must give. */
    @FunctionalInterface
    interface RawCheck {
        void check(String rawAnswer, TckDatabase db);
    }
}
