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

    /** {@code identifier} quoted for this engine, inner quotes doubled. */
    String quoteIdentifier(String identifier);

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
     * Whether {@link java.sql.Statement#setQueryTimeout} really interrupts a running statement
     * in this engine's driver. When false, nlsql's watchdog cancels statements instead.
     */
    boolean nativeQueryTimeout();

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
