package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What nlsql knows about one engine: its dialect, identifier quoting, how to open a source
 * read-only at the engine level (the second wall behind the policy), which URL options are
 * stripped, where the scratch schema lives, and where the source's tables are for a schema
 * snapshot. One stateless instance per engine; see {@link Backends#forEngine(Engine)}.
 */
public interface Backend {

    /** The engine this backend serves. */
    Engine engine();

    /** Dialect id for the policy and the translator: {@link Engine#id()}. */
    default String dialect() {
        return engine().id();
    }

    /**
     * {@code identifier} quoted for this engine, inner quotes doubled. By default the SQL
     * standard's double quotes ({@code "a""b"}); SQL Server overrides it with brackets.
     */
    default String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * How to open the source: the target URL and properties rewritten to open it read-only
     * (in read-only and strict modes) and with dangerous options removed (in every mode).
     *
     * @param targetUrl the target URL with {@code jdbc:} ({@code jdbc:sqlite:/x.db})
     * @param targetProperties connection properties without {@code nlsql.*} keys; not modified
     * @throws SQLException 08001 when the URL cannot be opened this way
     */
    OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException;

    /**
     * Prepares a freshly opened target connection: attaches or creates the scratch schema,
     * finishes engine-level read-only settings. On failure the caller closes {@code raw}.
     *
     * @return where scratch and source live for this connection
     */
    BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException;

    /**
     * The tables and views in this connection's scratch schema (unqualified names; empty when
     * there is no scratch). By default from {@code DatabaseMetaData.getTables(null, scratch, "%",
     * TABLE/VIEW)}; SQLite, DuckDB and PostgreSQL's {@code pg_temp} ask the engine directly.
     */
    default java.util.List<String> scratchObjects(Connection raw, BackendSession session) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (session.scratchSchema() == null) {
            return out;
        }
        try (java.sql.ResultSet rs = raw.getMetaData().getTables(null, session.scratchSchema(), "%", new String[] {"TABLE", "VIEW"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    /**
     * Whether the engine really refuses writes to the source on this connection (the second wall
     * is in force). By default what {@link OpenRequest#readOnly()} asked for; backends that can
     * check it do (H2 ignores {@code ACCESS_MODE_DATA=r} for a database this JVM already has open).
     */
    default boolean engineReadOnly(Connection raw, OpenRequest request) throws SQLException {
        return request.readOnly();
    }

    /**
     * Whether {@link java.sql.Statement#setQueryTimeout} really interrupts a running statement
     * in this engine's driver. When false, nlsql's watchdog cancels statements instead.
     */
    boolean nativeQueryTimeout();

    /**
     * Whether {@link java.sql.Statement#setMaxRows} limits results in this engine's driver. When
     * false (DuckDB ignores it), nlsql's ResultSet wrapper stops at the limit itself.
     */
    default boolean nativeMaxRows() {
        return true;
    }

    /**
     * Runs one statement that writes only scratch objects (the policy said so). Engines whose
     * session is read-only at the engine level (PostgreSQL) open a read-write transaction for
     * just this statement.
     */
    default <T> T runScratchWrite(Connection raw, NlsqlConfig config, JdbcCall<T> call) throws SQLException {
        return call.call();
    }

    /** A JDBC call that may throw {@link SQLException}. */
    @FunctionalInterface
    interface JdbcCall<T> {
        T call() throws SQLException;
    }
}
