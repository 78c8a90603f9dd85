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
            "dmd_url", (raw, db) -> raw.replaceFirst("^String:jdbc:", "String:jdbc:nlsql:"),
            // nlsql.timeout.seconds (default 30) is the default statement timeout, and getQueryTimeout says so.
            "fetch_size_and_timeout", (raw, db) -> raw.replace("defaultTimeout=Integer:0 ", "defaultTimeout=Integer:30 "),
            // ResultSet.getStatement() of generated keys is the nlsql Statement (SQLite's driver gives an
            // internal statement of its own, DuckDB's throws).
            "generated_keys", (raw, db) -> raw.replaceFirst("statementIsOurs=\\S+", "statementIsOurs=Boolean:true"),
            // nlsql tracks closed state itself and answers with standard SQLStates, whatever the target does:
            // ResultSet after close 24000 (invalid cursor state), Statement after close HY010 (function
            // sequence error), Connection after close 08003; statements of a closed connection are closed.
            "closed_statement_and_result", (raw, db) -> raw.replaceFirst("(?s)rsNext=.*? executeQuery=.*? closeAgain=",
                    "rsNext=!24000/0 executeQuery=!HY010/0 closeAgain="),
            "closed_connection", (raw, db) -> raw.replaceFirst(
                    "createStatement=\\S+ prepareStatement=\\S+ getMetaData=\\S+ statementClosed=\\S+",
                    "createStatement=!08003/0 prepareStatement=!08003/0 getMetaData=!08003/0 statementClosed=Boolean:true"),
            // ResultSets from DatabaseMetaData answer getStatement() with null (allowed by JDBC): the target's
            // internal statement would lead back to the raw connection.
            "back_references", (raw, db) -> raw.replaceFirst("mdResult.getStatement:\\S+", "mdResult.getStatement:String:null"));

    /** Differences on one engine only, keyed by {@code engine/case}. */
    private static final Map<String, Expectation> BY_ENGINE_AND_CASE = Map.of(
            // duckdb_jdbc ignores Statement.setMaxRows; nlsql applies the limit itself (and getMaxRows says so).
            "duckdb/max_rows", (raw, db) -> firstRows(raw.replace("maxRows=0", "maxRows=2"), 2));

    /** The expectation for a case on an engine, if nlsql differs there on purpose. */
    static Optional<Expectation> forCase(String caseName, Engine engine) {
        Expectation e = BY_ENGINE_AND_CASE.get(engine.id + "/" + caseName);
        return Optional.ofNullable(e != null ? e : BY_CASE.get(caseName));
    }

    /** A {@link Dump#resultSet} text cut to its first {@code n} rows. */
    static String firstRows(String dump, int n) {
        StringBuilder sb = new StringBuilder();
        int rows = 0;
        for (String line : dump.split("\n")) {
            if (line.startsWith("  row")) {
                if (rows++ >= n) {
                    continue;
                }
            } else if (line.startsWith("rows=")) {
                line = "rows=" + Math.min(rows, n);
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
