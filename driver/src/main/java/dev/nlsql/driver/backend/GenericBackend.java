package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Any other JDBC driver (Trino, MySQL, ...). The URL and properties pass unchanged; in
 * read-only modes {@link Connection#setReadOnly(boolean) setReadOnly(true)} is called (a hint
 * the driver may ignore), so the policy is the only dependable wall. No scratch schema. Double
 * quotes for identifiers (SQL standard).
 */
public final class GenericBackend implements Backend {

    @Override
    public Engine engine() {
        return Engine.GENERIC;
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) {
        Properties props = new Properties();
        props.putAll(targetProperties);
        return new OpenRequest(targetUrl, props, targetUrl, config.policyMode() != PolicyMode.AUDIT);
    }

    @Override
    public BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException {
        String note = "no scratch";
        if (request.readOnly()) {
            try {
                raw.setReadOnly(true);
                note += "; setReadOnly(true)";
            } catch (SQLException e) {
                note += "; setReadOnly(true) refused by the driver: " + e.getMessage();
            }
        }
        String catalog = null;
        String schema = null;
        try {
            catalog = raw.getCatalog();
            schema = raw.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            // drivers without catalogs or schemas
        }
        return new BackendSession(null, catalog, schema, note);
    }

    /** {@code setReadOnly(true)} is a hint: not counted as an engine wall. */
    @Override
    public boolean engineReadOnly(Connection raw, OpenRequest request) {
        return false;
    }

    @Override
    public boolean nativeQueryTimeout() {
        return true;
    }
}
