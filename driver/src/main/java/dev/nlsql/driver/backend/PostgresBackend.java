package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * PostgreSQL (pgjdbc).
 *
 * <p>Read-only: {@code readOnly=true}, {@code readOnlyMode=always} and
 * {@code options=... -c default_transaction_read_only=on} (appended after the user's own
 * {@code options}, so it wins): every transaction is read-only on the server.
 *
 * <p>Scratch: a schema in the same database ({@code scratch} by default), appended to the
 * {@code search_path} at connect and created by the first scratch write (connecting changes
 * nothing in the database). With {@code nlsql.scratch=memory}
 * it is the session's {@code pg_temp} schema. A statement the policy classified as a scratch
 * write runs in its own short read-write transaction ({@link #runScratchWrite}); in
 * manual-commit mode scratch writes therefore fail with 25006 inside a read-only transaction.
 *
 * <p>In strict mode scratch writes get no read-write transaction, so the server refuses them
 * (25006) and an existing scratch schema is only read; in audit mode the session is opened as the
 * URL says, with no scratch.
 *
 * <p>Stripped: {@code socketFactory}, {@code socketFactoryArg}, {@code sslfactory},
 * {@code sslfactoryarg}, {@code sslhostnameverifier}, {@code sslpasswordcallback},
 * {@code authenticationPluginClassName} (they load classes), and the user's {@code readOnly},
 * {@code readOnlyMode} in read-only modes.
 */
public final class PostgresBackend implements Backend {

    static final Set<String> DANGEROUS = Set.of("socketfactory", "socketfactoryarg", "sslfactory", "sslfactoryarg",
            "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname");
    static final Set<String> READ_ONLY_KEYS = Set.of("readonly", "readonlymode", "options");

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException {
        Properties props = UrlParams.copyWithout(targetProperties, DANGEROUS);
        UrlParams url = UrlParams.query(targetUrl);
        url.remove(DANGEROUS);
        String location = url.base().substring("jdbc:".length());
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new OpenRequest(url.toString(), props, location, false);
        }
        String options = url.get("options");
        if (options == null) {
            options = props.getProperty("options");
        }
        url.remove(READ_ONLY_KEYS);
        UrlParams.removeFrom(props, READ_ONLY_KEYS);
        props.setProperty("readOnly", "true");
        props.setProperty("readOnlyMode", "always");
        props.setProperty("options", (options == null || options.isBlank() ? "" : options + " ")
                + "-c default_transaction_read_only=on");
        return new OpenRequest(url.toString(), props, location, true);
    }

    @Override
    public BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException {
        String current;
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            current = rs.next() ? rs.getString(1) : null;
        }
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new BackendSession(null, null, current, "audit: session as the URL says, no scratch");
        }
        if (config.scratchMode() == NlsqlConfig.ScratchMode.MEMORY) {
            return new BackendSession("pg_temp", null, current, "scratch is the session's pg_temp schema");
        }
        String scratch = config.scratchSchema();
        if (config.policyMode() == PolicyMode.STRICT && !schemaExists(raw, scratch)) {
            return new BackendSession(null, null, current, "strict: no scratch schema " + scratch);
        }
        // the schema itself is created by the first scratch write (runScratchWrite): connecting changes nothing
        try (PreparedStatement ps = raw.prepareStatement(
                "SELECT set_config('search_path', current_setting('search_path') || ', ' || quote_ident(?), false)")) {
            ps.setString(1, scratch);
            ps.execute();
        }
        return new BackendSession(scratch, null, current, "scratch schema " + scratch + " on the search_path");
    }

    private static boolean schemaExists(Connection raw, String schema) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Runs a scratch write in its own read-write transaction when the connection is in
     * auto-commit mode and opened read-only, creating the scratch schema first when it is
     * missing (persistent scratch); otherwise runs it as is.
     */
    @Override
    public <T> T runScratchWrite(Connection raw, NlsqlConfig config, JdbcCall<T> call) throws SQLException {
        if (config.policyMode() != PolicyMode.READ_ONLY || !raw.getAutoCommit()) {
            return call.call();
        }
        raw.setReadOnly(false);
        raw.setAutoCommit(false);
        try {
            try (Statement s = raw.createStatement()) {
                s.execute("SET TRANSACTION READ WRITE");
            }
            String scratch = config.scratchSchema();
            if (config.scratchMode() == NlsqlConfig.ScratchMode.PERSISTENT && !schemaExists(raw, scratch)) {
                try (Statement s = raw.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(scratch));
                }
            }
            T result = call.call();
            raw.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                raw.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            raw.setAutoCommit(true);
            raw.setReadOnly(true);
        }
    }

    /** The scratch schema's relations; for {@code pg_temp}, the session's own temporary schema. */
    @Override
    public java.util.List<String> scratchObjects(Connection raw, BackendSession session) throws SQLException {
        if (session.scratchSchema() == null) {
            return new java.util.ArrayList<>();
        }
        String sql = "pg_temp".equals(session.scratchSchema())
                ? "SELECT relname FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relkind IN ('r', 'v', 'm', 'p') AND ? IS NOT NULL"
                : "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p')";
        return CatalogQueries.firstColumn(raw, sql, session.scratchSchema());
    }

    @Override
    public boolean nativeQueryTimeout() {
        return true;
    }
}
