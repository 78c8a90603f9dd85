package dev.nlsql.driver.backend;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * SQLite (xerial sqlite-jdbc).
 *
 * <p>Read-only: the source file is opened as the main database through a URI filename with
 * {@code mode=ro} ({@code jdbc:sqlite:file:/x.db?mode=ro}): SQLite itself refuses every write to
 * it, and a missing file is not created. The connection's open flags stay read-write, so a
 * separate scratch database can still be attached writable under the scratch schema name
 * ({@code ATTACH '<nlsql.home>/scratch/sqlite/x-<hash>.sqlite' AS scratch}, or
 * {@code ':memory:'} with {@code nlsql.scratch=memory}). Unqualified names resolve to main (the
 * source) first, then scratch; joins across both work.
 *
 * <p>What tools see: xerial's {@code DatabaseMetaData} reads only the main database; with scratch
 * attached, nlsql's {@code getSchemas}, {@code getTables} and {@code getColumns} add the scratch
 * objects ({@code dev.nlsql.driver.jdbc.SqliteScratchMetaData}).
 *
 * <p>In strict mode an existing scratch database is attached read-only ({@code mode=ro}), so
 * scratch tables can be read but SQLite refuses to write them; in audit mode the source is opened
 * as the URL says and nothing is attached.
 *
 * <p>Stripped from URL and properties: {@code enable_load_extension}, {@code open_mode}, and
 * (in read-only modes) any {@code mode} URI parameter. xerial's {@code setQueryTimeout} does not
 * interrupt a running query, so nlsql's watchdog cancels it ({@link #nativeQueryTimeout()} false).
 */
public final class SqliteBackend implements Backend {

    static final Set<String> DANGEROUS = Set.of("enable_load_extension", "open_mode", "load_extension");

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public OpenRequest openRequest(String targetUrl, Properties targetProperties, NlsqlConfig config) throws SQLException {
        Properties props = UrlParams.copyWithout(targetProperties, DANGEROUS);
        String rest = targetUrl.substring("jdbc:sqlite:".length());
        UrlParams url = UrlParams.query(rest);
        url.remove(DANGEROUS);
        String file = url.base();
        boolean uri = file.startsWith("file:");
        String path = uri ? file.substring(5) : file;
        if (uri && path.startsWith("//")) {
            path = path.substring(2);
        }
        boolean memory = path.isEmpty() || path.startsWith(":memory:") || "memory".equals(url.get("mode"))
                || path.startsWith(":resource:");
        boolean readOnly = config.policyMode() != PolicyMode.AUDIT && !memory;
        if (readOnly) {
            url.put("mode", "ro");
            if (!uri) {
                file = "file:" + encodePath(path);
            }
            return new OpenRequest("jdbc:sqlite:" + file + url.toString().substring(url.base().length()), props, path, true);
        }
        return new OpenRequest("jdbc:sqlite:" + url, props, memory ? null : path, false);
    }

    /** A file path as the path part of an SQLite URI filename (% ? # escaped). */
    static String encodePath(String path) {
        return path.replace("%", "%25").replace("?", "%3f").replace("#", "%23");
    }

    @Override
    public BackendSession initialize(Connection raw, OpenRequest request, NlsqlConfig config) throws SQLException {
        if (config.policyMode() == PolicyMode.AUDIT) {
            return new BackendSession(null, null, null, "audit: source opened as given, no scratch");
        }
        String target;
        boolean strict = config.policyMode() == PolicyMode.STRICT;
        if (config.scratchMode() == NlsqlConfig.ScratchMode.MEMORY || request.sourceLocation() == null) {
            if (strict) {
                return new BackendSession(null, null, null, "strict: no scratch (memory scratch would be writable)");
            }
            target = ":memory:";
        } else {
            Path f = ScratchFiles.scratchFile(config, "sqlite", request.sourceLocation(), "sqlite");
            target = f.toString();
            if (strict) {
                if (!java.nio.file.Files.exists(f)) {
                    return new BackendSession(null, null, null, "strict: source opened mode=ro; no scratch database yet");
                }
                target = "file:" + encodePath(target) + "?mode=ro";
            }
        }
        try (Statement s = raw.createStatement()) {
            s.execute("ATTACH DATABASE " + ScratchFiles.literal(target) + " AS " + quoteIdentifier(config.scratchSchema()));
        }
        return new BackendSession(config.scratchSchema(), null, null,
                (request.readOnly() ? "source opened mode=ro" : "source opened as given") + "; scratch attached from " + target);
    }

    /** {@code SELECT name FROM "scratch".sqlite_master} (xerial's getTables lists main only). */
    @Override
    public java.util.List<String> scratchObjects(Connection raw, BackendSession session) throws SQLException {
        if (session.scratchSchema() == null) {
            return new java.util.ArrayList<>();
        }
        return CatalogQueries.firstColumn(raw, "SELECT name FROM " + quoteIdentifier(session.scratchSchema())
                + ".sqlite_master WHERE type IN ('table', 'view')");
    }

    @Override
    public boolean nativeQueryTimeout() {
        return false;
    }
}
