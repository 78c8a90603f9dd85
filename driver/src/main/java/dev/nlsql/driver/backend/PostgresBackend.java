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
 * <p>Scratch: a schema in the same database ({@code scratch} by default), created on first use
 * when the user may, and appended to the {@code search_path}. With {@code nlsql.scratch=memory}
 * it is the session's {@code pg_temp} schema. A statement the policy classified as a scratch
 * write runs in its own short read-write transaction ({@link #runScratchWrite}); in
 * manual-commit mode scratch writes therefore fail with 25006 inside a read-only transaction.
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
    public String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException {
        Properties props = new Properties();
        props.putAll(targetProperties);
        UrlParams.removeFrom(props, DANGEROUS);
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
        if (config.scratchMode() == NlsqlConfig.ScratchMode.MEMORY) {
            return new BackendSession("pg_temp", null, current, "scratch is the session's pg_temp schema");
        }
        String scratch = config.scratchSchema();
        boolean exists;
        try (PreparedStatement ps = raw.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, scratch);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        if (!exists) {
            try {
                runScratchWrite(raw, config, () -> {
                    try (Statement s = raw.createStatement()) {
                        return s.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(scratch));
                    }
                });
            } catch (SQLException e) {
                return new BackendSession(null, null, current, "no scratch: cannot create schema " + scratch + ": " + e.getMessage());
            }
        }
        try (PreparedStatement ps = raw.prepareStatement(
                "SELECT set_config('search_path', current_setting('search_path') || ', ' || quote_ident(?), false)")) {
            ps.setString(1, scratch);
            ps.execute();
        }
        return new BackendSession(scratch, null, current, "scratch schema " + scratch + " on the search_path");
    }

    /**
     * Runs a scratch write in its own read-write transaction when the connection is in
     * auto-commit mode and opened read-only; otherwise runs it as is.
     */
    @Override
    public <T> T runScratchWrite(Connection raw, NlsqlConfig config, JdbcCall<T> call) throws SQLException {
        if (config.policyMode() == PolicyMode.AUDIT || !raw.getAutoCommit()) {
            return call.call();
        }
        raw.setReadOnly(false);
        raw.setAutoCommit(false);
        try {
            try (Statement s = raw.createStatement()) {
                s.execute("SET TRANSACTION READ WRITE");
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

    @Override
    public boolean nativeQueryTimeout() {
        return true;
    }
}
