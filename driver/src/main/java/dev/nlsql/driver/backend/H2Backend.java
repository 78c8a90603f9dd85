package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * H2 (com.h2database:h2).
 *
 * <p>Read-only: file and server databases are opened with {@code ;ACCESS_MODE_DATA=r}, so H2
 * refuses every write ("The database is read only", 90097). H2 applies this only when it opens
 * the database: if this JVM already has it open read-write (an embedded application, a raw
 * connection), the setting is ignored; {@link #engineReadOnly} detects that with
 * {@code READONLY()} and the driver logs a warning (the policy is then the only wall). H2 cannot attach a second database,
 * and a read-only H2 database accepts no new objects, not even temporary tables: such a source
 * has <b>no scratch schema</b> in read-only mode (scratch writes fail at the engine). In-memory
 * databases ({@code h2:mem:}) cannot be opened read-only (H2 fails to create a new one that way
 * and ignores the setting for an existing one): they stay writable at the engine level, the
 * policy is their only wall, and their scratch is a schema {@code SCRATCH} inside them, created
 * by the first scratch write. In audit
 * mode the source is opened as the URL says, with no scratch. Stripped from URL and properties: {@code INIT}, {@code ACCESS_MODE_DATA},
 * {@code ACCESS_MODE_LOG}, {@code AUTO_SERVER}, {@code AUTO_SERVER_PORT}.
 */
public final class H2Backend implements Backend {

    static final Set<String> DANGEROUS = Set.of("init", "access_mode_data", "access_mode_log", "auto_server", "auto_server_port");

    @Override
    public Engine engine() {
        return Engine.H2;
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException {
        Properties props = UrlParams.copyWithout(targetProperties, DANGEROUS);
        UrlParams url = UrlParams.settings(targetUrl);
        url.remove(DANGEROUS);
        String location = url.base().substring("jdbc:h2:".length());
        boolean memory = location.toLowerCase(Locale.ROOT).startsWith("mem:");
        boolean readOnly = config.policyMode() != PolicyMode.AUDIT && !memory;
        if (readOnly) {
            url.put("ACCESS_MODE_DATA", "r");
        }
        return new OpenRequest(url.toString(), props, memory ? null : location, readOnly);
    }

    @Override
    public BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException {
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new BackendSession(null, null, raw.getSchema(), "audit: source opened as given, no scratch");
        }
        if (request.readOnly()) {
            return new BackendSession(null, null, raw.getSchema(),
                    "source opened ACCESS_MODE_DATA=r; no scratch (a read-only H2 database accepts no new objects)");
        }
        String scratch = config.scratchSchema().toUpperCase(Locale.ROOT);
        if (config.policyMode() == PolicyMode.STRICT) {
            return new BackendSession(null, null, raw.getSchema(), "strict: no scratch created");
        }
        // created by the first scratch write (runScratchWrite): connecting changes nothing
        return new BackendSession(scratch, null, raw.getSchema(), "source writable at the engine level; scratch schema " + scratch);
    }

    /** Creates the scratch schema when it is missing, then runs the write (read-only mode, writable source). */
    @Override
    public <T> T runScratchWrite(Connection raw, NlsqlConfig config, JdbcCall<T> call) throws SQLException {
        if (config.policyMode() == PolicyMode.READ_ONLY) {
            try (Statement s = raw.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(config.scratchSchema().toUpperCase(Locale.ROOT)));
            }
        }
        return call.call();
    }

    /** Asks H2 ({@code READONLY()}): false when this JVM already had the database open read-write. */
    @Override
    public boolean engineReadOnly(Connection raw, OpenRequest request) throws SQLException {
        if (!request.readOnly()) {
            return false;
        }
        try (Statement s = raw.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT READONLY()")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Override
    public boolean nativeQueryTimeout() {
        return true;
    }
}
