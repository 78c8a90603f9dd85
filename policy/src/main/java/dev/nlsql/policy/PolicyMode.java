package dev.nlsql.policy;

import java.util.Locale;

/** How strictly statements are policed ({@code nlsql.policy.mode}). */
public enum PolicyMode {
    /** Default: reads of source and scratch; writes only to scratch objects. */
    READ_ONLY,
    /** Reads only; no scratch writes either. */
    STRICT,
    /** Whatever the target allows runs and is recorded. For trusted use and conformance runs. */
    AUDIT;

    /** Parses {@code read-only}, {@code strict}, {@code audit} (case-insensitive). */
    public static PolicyMode parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "read-only", "readonly", "read_only" -> READ_ONLY;
            case "strict" -> STRICT;
            case "audit" -> AUDIT;
            default -> throw new IllegalArgumentException(
                    "nlsql.policy.mode must be read-only, strict or audit, not '" + s + "'");
        };
    }
}
