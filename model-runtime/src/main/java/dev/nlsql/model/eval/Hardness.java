package dev.nlsql.model.eval;

import java.util.Locale;

/** Spider's four hardness levels, in increasing difficulty. */
public enum Hardness {
    EASY, MEDIUM, HARD, EXTRA;

    /** Lower-case label as Spider's scripts print it ({@code easy}, {@code medium}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
