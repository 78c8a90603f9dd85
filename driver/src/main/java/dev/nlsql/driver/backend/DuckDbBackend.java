package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DuckDB (org.duckdb:duckdb_jdbc).
 *
 * <p>Read-only: nlsql opens a named in-memory DuckDB instance
 * ({@code jdbc:duckdb::memory:nlsql_<hash>}, shared by every nlsql connection to the same source
 * in this JVM, as DuckDB allows one writer per file), attaches the source file
 * {@code (READ_ONLY)} under its file stem (the catalog name the raw driver would show) and the
 * scratch database writable under the scratch schema name, makes the source the default
 * database ({@code USE}), puts both on the {@code search_path}, detaches the instance's own
 * empty {@code memory} catalog (so tools see the source's catalog, {@code scratch} and DuckDB's
 * {@code system}/{@code temp}, as with the raw driver plus scratch), then turns off extension
 * autoloading/autoinstalling and external access and locks the configuration
 * ({@code enable_external_access=false}, {@code lock_configuration=true}): no file, URL or
 * extension can be reached afterwards, and no setting changed back. In audit mode the source is
 * opened as the URL says, with no scratch; in strict mode an existing scratch database is
 * attached {@code (READ_ONLY)} (none otherwise). An in-memory source
 * ({@code jdbc:nlsql:duckdb:}) gets a {@code scratch} schema inside it.
 *
 * <p>Stripped: {@code session_init_sql_file}, {@code access_mode}, {@code duckdb.read_only},
 * {@code enable_external_access}, {@code lock_configuration}, extension settings,
 * {@code allowed_directories}/{@code allowed_paths}.
 */
public final class DuckDbBackend implements Backend {

    static final Set<String> DANGEROUS = Set.of("session_init_sql_file", "access_mode", "duckdb.read_only",
            "enable_external_access", "lock_configuration", "autoload_known_extensions",
            "autoinstall_known_extensions", "allow_unsigned_extensions", "allow_community_extensions",
            "custom_extension_repository", "autoinstall_extension_repository", "extension_directory",
            "allowed_directories", "allowed_paths", "allow_persistent_secrets", "temp_directory");

    private static final ConcurrentHashMap<String, Object> INSTANCE_LOCKS = new ConcurrentHashMap<>();

    @Override
    public Engine engine() {
        return Engine.DUCKDB;
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException {
        Properties props = UrlParams.copyWithout(targetProperties, DANGEROUS);
        UrlParams url = UrlParams.query(targetUrl.substring("jdbc:duckdb:".length()));
        url.remove(DANGEROUS);
        String path = url.base();
        boolean memory = path.isEmpty() || path.startsWith(":memory:");
        if (memory) {
            return new OpenRequest("jdbc:duckdb:" + url, props, null, false);
        }
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new OpenRequest("jdbc:duckdb:" + url, props, path, false);
        }
        String abs = Path.of(path).toAbsolutePath().normalize().toString();
        String instance = "nlsql_" + ScratchFiles.sha256(abs + "|" + config.policyMode() + "|" + config.scratchMode() + "|" + config.scratchSchema()
                + "|" + config.home()).substring(0, 16);
        return new OpenRequest("jdbc:duckdb::memory:" + instance, props, abs, true);
    }

    @Override
    public BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException {
        String scratch = config.scratchSchema();
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new BackendSession(null, raw.getCatalog(), null, "audit: source opened as given, no scratch");
        }
        if (request.sourceLocation() == null) {
            if (config.policyMode() == PolicyMode.STRICT) {
                return new BackendSession(null, null, null, "strict: in-memory source, no scratch created");
            }
            try (Statement s = raw.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(scratch));
            }
            return new BackendSession(scratch, null, null, "in-memory source; scratch schema inside it");
        }
        boolean strict = config.policyMode() == PolicyMode.STRICT;
        String scratchTarget = config.scratchMode() == NlsqlConfig.ScratchMode.MEMORY ? ":memory:"
                : ScratchFiles.scratchFile(config, "duckdb", request.sourceLocation(), "duckdb").toString();
        boolean withScratch = !strict || (!scratchTarget.equals(":memory:") && java.nio.file.Files.exists(Path.of(scratchTarget)));
        String alias = Path.of(request.sourceLocation()).getFileName().toString().replaceAll("\\.[^.]*$", "");
        if (alias.isEmpty() || alias.equalsIgnoreCase(scratch) || alias.equalsIgnoreCase("memory")
                || alias.equalsIgnoreCase("system") || alias.equalsIgnoreCase("temp")) {
            alias = "source";
        }
        synchronized (INSTANCE_LOCKS.computeIfAbsent(request.url(), k -> new Object())) {
            if (!locked(raw)) {
                // first connection to this instance (or an earlier set-up failed half-way): idempotent
                try (Statement s = raw.createStatement()) {
                    s.execute("ATTACH IF NOT EXISTS " + ScratchFiles.literal(request.sourceLocation()) + " AS "
                            + quoteIdentifier(alias) + " (READ_ONLY)");
                    if (withScratch) {
                        s.execute("ATTACH IF NOT EXISTS " + ScratchFiles.literal(scratchTarget) + " AS " + quoteIdentifier(scratch)
                                + (strict ? " (READ_ONLY)" : ""));
                    }
                    useAndSearchPath(s, alias, withScratch ? scratch : null);
                    // the instance's own empty in-memory catalog: not part of the user's database
                    if (memoryAttached(raw)) {
                        s.execute("DETACH memory");
                    }
                    s.execute("SET autoload_known_extensions = false");
                    s.execute("SET autoinstall_known_extensions = false");
                    s.execute("SET enable_external_access = false");
                    s.execute("SET lock_configuration = true");
                }
            } else {
                try (Statement s = raw.createStatement()) {
                    useAndSearchPath(s, alias, withScratch ? scratch : null);
                }
            }
        }
        return new BackendSession(withScratch ? scratch : null, alias, null,
                "source attached READ_ONLY as " + alias + (withScratch ? "; scratch attached" + (strict ? " READ_ONLY" : "")
                        + " from " + scratchTarget : "; no scratch") + "; external access off, configuration locked");
    }

    private void useAndSearchPath(Statement s, String alias, String scratch) throws SQLException {
        s.execute("USE " + quoteIdentifier(alias));
        s.execute("SET search_path = " + ScratchFiles.literal(quoteIdentifier(alias) + ".main"
                + (scratch == null ? "" : "," + quoteIdentifier(scratch) + ".main")));
    }

    private static boolean memoryAttached(Connection raw) throws SQLException {
        try (Statement s = raw.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM duckdb_databases() WHERE database_name = 'memory'")) {
            return rs.next();
        }
    }

    /** Whether this instance's configuration is already locked (set up by an earlier connection). */
    private static boolean locked(Connection raw) throws SQLException {
        try (Statement s = raw.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('lock_configuration')")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Tables and views of the scratch catalog (attached scratch) or schema (in-memory source). */
    @Override
    public java.util.List<String> scratchObjects(Connection raw, BackendSession session) throws SQLException {
        if (session.scratchSchema() == null) {
            return new java.util.ArrayList<>();
        }
        return CatalogQueries.firstColumn(raw, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_catalog = ? OR (table_schema = ? AND table_catalog = current_database())",
                session.scratchSchema(), session.scratchSchema());
    }

    /** DuckDB's JDBC driver accepts {@code setMaxRows} and ignores it. */
    @Override
    public boolean nativeMaxRows() {
        return false;
    }

    @Override
    public boolean nativeQueryTimeout() {
        return true;
    }
}
