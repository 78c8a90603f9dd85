package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * SQL Server (mssql-jdbc). <b>Not tested against a server</b>: none can run where nlsql is
 * built; only the URL rewriting is unit-tested.
 *
 * <p>Read-only: {@code applicationIntent=ReadOnly} (routes to a readable secondary of an
 * availability group; on a plain primary it does not stop writes, so grant the login only
 * SELECT on the source schemas and CREATE/ALTER on the scratch schema). Scratch: a schema
 * ({@code scratch} by default) in the same database, created when missing and permitted.
 * Identifiers are quoted with brackets. Stripped: {@code applicationIntent} given by the user in
 * read-only modes.
 */
public final class SqlServerBackend implements Backend {

    static final Set<String> READ_ONLY_KEYS = Set.of("applicationintent");

    @Override
    public Engine engine() {
        return Engine.SQLSERVER;
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return '[' + identifier.replace("]", "]]") + ']';
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException {
        Properties props = new Properties();
        props.putAll(targetProperties);
        UrlParams url = UrlParams.settings(targetUrl);
        String location = url.base().substring("jdbc:".length());
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new OpenRequest(url.toString(), props, location, false);
        }
        url.remove(READ_ONLY_KEYS);
        UrlParams.removeFrom(props, READ_ONLY_KEYS);
        props.setProperty("applicationIntent", "ReadOnly");
        return new OpenRequest(url.toString(), props, location, true);
    }

    @Override
    public BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException {
        String scratch = config.scratchSchema();
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new BackendSession(null, raw.getCatalog(), null, "audit: session as the URL says, no scratch");
        }
        try (Statement s = raw.createStatement()) {
            s.execute("IF SCHEMA_ID(" + ScratchFiles.literal(scratch) + ") IS NULL EXEC('CREATE SCHEMA "
                    + quoteIdentifier(scratch).replace("'", "''") + "')");
        } catch (SQLException e) {
            return new BackendSession(null, raw.getCatalog(), null, "no scratch: " + e.getMessage());
        }
        return new BackendSession(scratch, raw.getCatalog(), null, "scratch schema " + scratch + " (untested)");
    }

    /** Unknown: {@code applicationIntent=ReadOnly} stops writes only on a readable secondary. */
    @Override
    public boolean engineReadOnly(Connection raw, OpenRequest request) {
        return false;
    }

    @Override
    public boolean nativeQueryTimeout() {
        return true;
    }
}
