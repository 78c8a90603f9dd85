package dev.nlsql.provenance;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Versioned schema migrations of the provenance store. Applied versions are rows of
 * {@code nlsql_schema_version(version, description, applied_ms)}; each missing migration runs
 * in order, in its own transaction, and records its version. Two processes migrating at once:
 * the loser's insert of the version row fails on the primary key, it rolls back and re-reads.
 *
 * <p>Versions: 1 records ({@code nlsql_provenance}), 2 translation cache
 * ({@code nlsql_translation_cache}), 3 pinned translations ({@code nlsql_pinned_translation}).
 */
public final class StoreMigrations {

    /** One migration: its version, what it does, its DDL (with {@code TEXT} for long text). */
    record Migration(int version, String description, List<String> ddl) {}

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "provenance records", List.of(
                    "CREATE TABLE nlsql_provenance (id VARCHAR(64) NOT NULL PRIMARY KEY, time_ms BIGINT NOT NULL,"
                            + " user_name VARCHAR(256), decision VARCHAR(32), schema_hash VARCHAR(64),"
                            + " result_hash VARCHAR(64), row_count BIGINT, complete BOOLEAN, statement TEXT,"
                            + " record_json TEXT NOT NULL)",
                    "CREATE INDEX nlsql_provenance_time ON nlsql_provenance (time_ms)")),
            new Migration(2, "translation cache", List.of(
                    "CREATE TABLE nlsql_translation_cache (cache_key VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " schema_hash VARCHAR(64) NOT NULL, question TEXT NOT NULL, model VARCHAR(1000) NOT NULL,"
                            + " decode_settings VARCHAR(1000) NOT NULL, sql_text TEXT NOT NULL, parameters_json TEXT NOT NULL,"
                            + " metadata_json TEXT NOT NULL, created_ms BIGINT NOT NULL)")),
            new Migration(3, "pinned translations (SQL packs)", List.of(
                    "CREATE TABLE nlsql_pinned_translation (pin_key VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " schema_hash VARCHAR(64) NOT NULL, question_norm TEXT NOT NULL, question TEXT NOT NULL,"
                            + " query_id VARCHAR(256) NOT NULL, pack_name VARCHAR(256), dialect VARCHAR(64),"
                            + " sql_text TEXT NOT NULL, parameters_json TEXT NOT NULL, expected_row_count BIGINT,"
                            + " expected_result_hash VARCHAR(64), pinned_by VARCHAR(256) NOT NULL,"
                            + " pinned_at VARCHAR(40) NOT NULL, imported_ms BIGINT NOT NULL)",
                    "CREATE INDEX nlsql_pinned_schema ON nlsql_pinned_translation (schema_hash)")));

    private StoreMigrations() {}

    /** The newest version this code knows. */
    public static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Brings the store's schema to {@link #latestVersion()}.
     *
     * @return versions applied by this call (empty when already current)
     * @throws SQLException when DDL fails, or SQLState {@code 55000} when the store was migrated
     *     by a newer nlsql (its version is above {@link #latestVersion()})
     */
    public static List<Integer> migrate(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        try {
            c.setAutoCommit(true);
            if (!tableExists(c, "nlsql_schema_version")) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("CREATE TABLE nlsql_schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                            + " description VARCHAR(200) NOT NULL, applied_ms BIGINT NOT NULL)");
                } catch (SQLException e) {
                    if (!tableExists(c, "nlsql_schema_version")) {
                        throw e; // else another process created it first
                    }
                }
            }
            TreeSet<Integer> applied = applied(c);
            if (!applied.isEmpty() && applied.last() > latestVersion()) {
                throw new SQLException("provenance store schema version " + applied.last()
                        + " is newer than this nlsql knows (" + latestVersion() + "); upgrade nlsql", "55000");
            }
            String text = textType(c.getMetaData());
            List<Integer> done = new java.util.ArrayList<>();
            for (Migration m : MIGRATIONS) {
                if (applied.contains(m.version())) {
                    continue;
                }
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    // version row first: a concurrent migrator fails here, before any DDL
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO nlsql_schema_version (version, description, applied_ms) VALUES (?, ?, ?)")) {
                        ps.setInt(1, m.version());
                        ps.setString(2, m.description());
                        ps.setLong(3, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                    for (String ddl : m.ddl()) {
                        st.executeUpdate(ddl.replace(" TEXT", " " + text));
                    }
                    c.commit();
                    done.add(m.version());
                } catch (SQLException e) {
                    c.rollback();
                    c.setAutoCommit(true);
                    if (!applied(c).contains(m.version())) {
                        throw e;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
            return done;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Versions recorded in {@code nlsql_schema_version}. */
    public static TreeSet<Integer> applied(Connection c) throws SQLException {
        TreeSet<Integer> out = new TreeSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM nlsql_schema_version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String n : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, null, n, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The long-text column type of the store's engine. */
    static String textType(DatabaseMetaData md) throws SQLException {
        String p = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return "CHARACTER VARYING";
        } else if (p.contains("postgres") || p.contains("sqlite")) {
            return "TEXT";
        } else if (p.contains("duckdb")) {
            return "VARCHAR";
        } else if (p.contains("mysql") || p.contains("mariadb")) {
            return "LONGTEXT";
        } else if (p.contains("microsoft")) {
            return "NVARCHAR(MAX)";
        }
        return "CLOB";
    }
}
