package dev.nlsql.driver.backend;

import dev.nlsql.policy.Engine;

/** The {@link Backend} for each {@link Engine}. */
public final class Backends {
    private static final Backend SQLITE = new SqliteBackend();
    private static final Backend DUCKDB = new DuckDbBackend();
    private static final Backend H2 = new H2Backend();
    private static final Backend POSTGRESQL = new PostgresBackend();
    private static final Backend SQLSERVER = new SqlServerBackend();
    private static final Backend GENERIC = new GenericBackend();

    private Backends() {}

    /** The backend for {@code engine}; {@link Engine#GENERIC} for anything unknown. */
    public static Backend forEngine(Engine engine) {
        return switch (engine) {
            case SQLITE -> SQLITE;
            case DUCKDB -> DUCKDB;
            case H2 -> H2;
            case POSTGRESQL -> POSTGRESQL;
            case SQLSERVER -> SQLSERVER;
            case GENERIC -> GENERIC;
        };
    }

    /** The backend for a target URL without {@code jdbc:} ({@link Engine#forTargetUrl}). */
    public static Backend forTarget(String targetWithoutJdbc) {
        return forEngine(Engine.forTargetUrl(targetWithoutJdbc));
    }
}
