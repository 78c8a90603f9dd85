package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * database ({@code USE}), puts both on the {@code search_path}, then turns off extension
 * autoloading/autoinstalling and external access and locks the configuration
 * ({@code enable_external_access=false}, {@code lock_configuration=true}): no file, URL or
 * extension can be reached afterwards, and no setting changed back. In audit mode the source is
 * opened as the URL says and the scratch database attached to it. An in-memory source
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
    public String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException {
        Properties props = new Properties();
        props.putAll(targetProperties);
        UrlParams.removeFrom(props, DANGEROUS);
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
        String instance = "nlsql_" + ScratchFiles.sha256(abs + "|" + config.scratchMode() + "|" + config.scratchSchema()
                + "|" + config.home()).substring(0, 16);
        return new OpenRequest("jdbc:duckdb::memory:" + instance, props, abs, true);
    }

    @Override
    public BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException {
        String scratch = config.scratchSchema();
        if (request.sourceLocation() == null) {
            try (Statement s = raw.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(scratch));
            }
            return new BackendSession(scratch, null, null, "in-memory source; scratch schema inside it");
        }
        String scratchTarget = config.scratchMode() == NlsqlConfig.ScratchMode.MEMORY ? ":memory:"
                : ScratchFiles.scratchFile(config, "duckdb", request.sourceLocation(), "duckdb").toString();
        if (!request.readOnly()) {
            synchronized (INSTANCE_LOCKS.computeIfAbsent(request.sourceLocation(), k -> new Object())) {
                if (!attached(raw, scratch)) {
                    try (Statement s = raw.createStatement()) {
                        s.execute("ATTACH " + ScratchFiles.literal(scratchTarget) + " AS " + quoteIdentifier(scratch));
                    }
                }
            }
            return new BackendSession(scratch, raw.getCatalog(), null, "source opened as given; scratch attached from " + scratchTarget);
        }
        String alias = Path.of(request.sourceLocation()).getFileName().toString().replaceAll("\\.[^.]*$", "");
        if (alias.isEmpty() || alias.equalsIgnoreCase(scratch) || alias.equalsIgnoreCase("memory")
                || alias.equalsIgnoreCase("system") || alias.equalsIgnoreCase("temp")) {
            alias = "source";
        }
        synchronized (INSTANCE_LOCKS.computeIfAbsent(request.url(), k -> new Object())) {
            if (!attached(raw, alias)) {
                try (Statement s = raw.createStatement()) {
                    s.execute("ATTACH " + ScratchFiles.literal(request.sourceLocation()) + " AS " + quoteIdentifier(alias)
                            + " (READ_ONLY)");
                    s.execute("ATTACH " + ScratchFiles.literal(scratchTarget) + " AS " + quoteIdentifier(scratch));
                    useAndSearchPath(s, alias, scratch);
                    s.execute("SET autoload_known_extensions = false");
                    s.execute("SET autoinstall_known_extensions = false");
                    s.execute("SET enable_external_access = false");
                    s.execute("SET lock_configuration = true");
                }
            } else {
                try (Statement s = raw.createStatement()) {
                    useAndSearchPath(s, alias, scratch);
                }
            }
        }
        return new BackendSession(scratch, alias, null,
                "source attached READ_ONLY as " + alias + "; scratch attached from " + scratchTarget
                        + "; external access off, configuration locked");
    }

    private void useAndSearchPath(Statement s, String alias, String scratch) throws SQLException {
        s.execute("USE " + quoteIdentifier(alias));
        s.execute("SET search_path = " + ScratchFiles.literal(quoteIdentifier(alias) + ".main," + quoteIdentifier(scratch) + ".main"));
    }

    private static boolean attached(Connection raw, String name) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement("SELECT 1 FROM duckdb_databases() WHERE database_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public boolean nativeQueryTimeout() {
        return true;
    }
}
