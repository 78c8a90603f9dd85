package dev.nlsql.nl;

import java.util.Locale;

/** Where a plan's SQL came from. */
public enum PlanSource {
    /** Translated by the model now. */
    MODEL,
    /** Replayed from the translation cache. */
    CACHE,
    /** A pinned translation from an SQL pack. */
    PINNED;

    /** Lower-case name as shown by {@code EXPLAIN ASK} and recorded in provenance. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
