package dev.nlsql.nl;

import java.util.Locale;

/** How statements are recognised as natural-language questions ({@code nlsql.mode}). */
public enum NlMode {
    /** Default: only {@code ASK ...} and {@code EXPLAIN ASK ...} are questions. */
    EXPLICIT,
    /** As {@link #EXPLICIT}, and any statement that parses as no SQL is a question too. */
    AUTO,
    /** No statement is a question; {@code ASK} goes to the target as SQL (and fails there). */
    OFF;

    /**
     * Parses {@code explicit}, {@code auto} or {@code off} (case-insensitive); null gives
     * {@link #EXPLICIT}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static NlMode parse(String s) {
        if (s == null || s.isBlank()) {
            return EXPLICIT;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "explicit" -> EXPLICIT;
            case "auto" -> AUTO;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException(
                    "nlsql.mode must be explicit, auto or off, not '" + s + "'");
        };
    }
}
