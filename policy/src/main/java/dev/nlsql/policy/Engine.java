package dev.nlsql.policy;

import java.util.Locale;

/** The database engines nlsql knows by name; {@link #GENERIC} covers any other JDBC driver. */
public enum Engine {
    SQLITE("sqlite"),
    DUCKDB("duckdb"),
    H2("h2"),
    POSTGRESQL("postgresql"),
    SQLSERVER("sqlserver"),
    GENERIC("generic");

    private final String id;

    Engine(String id) {
        this.id = id;
    }

    /** Lower-case name, as used for dialects and in URLs ({@code sqlite}, {@code duckdb} ...). */
    public String id() {
        return id;
    }

    /**
     * The engine for a target JDBC URL without its {@code jdbc:} prefix, e.g.
     * {@code sqlite:/x.db} gives {@link #SQLITE}; unknown sub-protocols give {@link #GENERIC}.
     */
    public static Engine forTargetUrl(String urlWithoutJdbcPrefix) {
        String u = urlWithoutJdbcPrefix.toLowerCase(Locale.ROOT);
        for (Engine e : values()) {
            if (e != GENERIC && u.startsWith(e.id + ":")) {
                return e;
            }
        }
        return GENERIC;
    }
}
