package dev.nlsql.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Comparator;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One fresh database per engine with the small conformance fixture loaded: SQLite and DuckDB
 * files and an H2 file database in a temporary folder, and a schema of its own on the loopback
 * PostgreSQL server ({@code NLSQL_PG_URL}, form without {@code jdbc:}, or the local default).
 * The raw driver and nlsql open the very same database, one after the other.
 */
final class TckDatabase implements AutoCloseable {

    /** Local default when {@code NLSQL_PG_URL} is unset (see scripts/pg-test-server.sh). */
    static final String PG_DEFAULT = "postgresql://127.0.0.1:54329/nlsql?user=nlsql&password=nlsql";
    /** Connection property putting nlsql's policy in audit mode for the comparisons. */
    static final String POLICY_MODE = "nlsql.policy.mode";

    private static final AtomicInteger SEQ = new AtomicInteger();

    final Engine engine;
    /** Raw JDBC URL of the target, e.g. {@code jdbc:sqlite:/tmp/x/tck.db}. */
    final String rawUrl;
    /** Schema holding the fixture tables (null for SQLite, which has none). */
    final String schema;
    private final Path dir;

    private TckDatabase(Engine engine, String rawUrl, String schema, Path dir) {
        this.engine = engine;
        this.rawUrl = rawUrl;
        this.schema = schema;
        this.dir = dir;
    }

    /** The PostgreSQL test server's URL with {@code jdbc:} in front. */
    static String postgresBaseUrl() {
        String env = System.getenv("NLSQL_PG_URL");
        String url = env == null || env.isBlank() ? PG_DEFAULT : env.trim();
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }

    /**
     * Creates and fills a fresh database.
     *
     * @throws SQLException when the engine cannot be reached or the fixture does not load
     */
    static TckDatabase create(Engine engine) throws SQLException {
        Path dir;
        try {
            dir = Files.createTempDirectory("nlsql-tck-" + engine.id + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TckDatabase db;
        switch (engine) {
            case SQLITE -> db = new TckDatabase(engine, "jdbc:sqlite:" + dir.resolve("tck.db"), null, dir);
            case DUCKDB -> db = new TckDatabase(engine, "jdbc:duckdb:" + dir.resolve("tck.duckdb"), "main", dir);
            case H2 -> db = new TckDatabase(engine, "jdbc:h2:" + dir.resolve("tck"), "PUBLIC", dir);
            case POSTGRESQL -> {
                String schema = "tck_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
                String base = postgresBaseUrl();
                try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    s.execute("CREATE SCHEMA " + schema);
                }
                String sep = base.contains("?") ? "&" : "?";
                db = new TckDatabase(engine, base + sep + "currentSchema=" + schema, schema, dir);
            }
            default -> throw new IllegalArgumentException(engine.toString());
        }
        try (Connection c = DriverManager.getConnection(db.rawUrl)) {
            db.load(c);
        }
        return db;
    }

    /**
     * Chinook instead of the small fixture: a copy of {@code Chinook_Sqlite.sqlite} for SQLite,
     * the same tables and rows copied into a fresh file for DuckDB and H2 ({@link ChinookCopy}), or
     * {@code Chinook_PostgreSql.sql} loaded into a schema of its own for PostgreSQL.
     */
    static TckDatabase chinook(Engine engine) throws SQLException {
        Path dir;
        try {
            dir = Files.createTempDirectory("nlsql-tck-chinook-" + engine.id + "-");
            if (engine == Engine.SQLITE) {
                Path copy = dir.resolve("Chinook.sqlite");
                Files.copy(SharedData.chinookSqlite(), copy);
                return new TckDatabase(engine, "jdbc:sqlite:" + copy, null, dir);
            }
            if (engine == Engine.DUCKDB || engine == Engine.H2) {
                TckDatabase db = engine == Engine.DUCKDB
                        ? new TckDatabase(engine, "jdbc:duckdb:" + dir.resolve("chinook.duckdb"), "main", dir)
                        : new TckDatabase(engine, "jdbc:h2:" + dir.resolve("chinook"), "PUBLIC", dir);
                ChinookCopy.copy(SharedData.chinookSqlite(), db.rawUrl);
                return db;
            }
            if (engine != Engine.POSTGRESQL) {
                throw new IllegalArgumentException("Chinook is loaded for SQLite, DuckDB, H2 and PostgreSQL only");
            }
            String script = Files.readString(SharedData.database("chinook/Chinook_PostgreSql.sql"));
            // the script creates and enters its own database first: keep what follows "\c chinook;"
            script = script.substring(script.indexOf("\\c chinook;") + "\\c chinook;".length());
            String schema = "tck_chinook_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
            String base = postgresBaseUrl();
            String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
            }
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute(script);
            }
            return new TckDatabase(engine, url, schema, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nlsql URL for the same database: {@code jdbc:nlsql:} + the raw URL without {@code jdbc:}. */
    String nlsqlUrl() {
        return "jdbc:nlsql:" + rawUrl.substring("jdbc:".length());
    }

    /** Connection properties for the nlsql side: policy in audit mode. */
    static Properties nlsqlProperties() {
        return nlsqlProperties("audit");
    }

    /** Connection properties for the nlsql side with the given {@code nlsql.policy.mode}. */
    static Properties nlsqlProperties(String policyMode) {
        Properties p = new Properties();
        p.setProperty(POLICY_MODE, policyMode);
        return p;
    }

    Connection openRaw() throws SQLException {
        return DriverManager.getConnection(rawUrl, new Properties());
    }

    Connection openNlsql() throws SQLException {
        return DriverManager.getConnection(nlsqlUrl(), nlsqlProperties());
    }

    Connection openNlsql(String policyMode) throws SQLException {
        return DriverManager.getConnection(nlsqlUrl(), nlsqlProperties(policyMode));
    }

    /** Name of a fixture table as the engine stores it (H2 folds to upper case). */
    String table(String name) {
        return engine == Engine.H2 ? name.toUpperCase(Locale.ROOT) : name;
    }

    private void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE artist (artist_id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " country VARCHAR(40))");
            s.execute("CREATE TABLE album (album_id INTEGER PRIMARY KEY,"
                    + " artist_id INTEGER NOT NULL REFERENCES artist (artist_id),"
                    + " title VARCHAR(200) NOT NULL, released DATE, price DECIMAL(8,2),"
                    + " rating DOUBLE PRECISION, explicit_lyrics BOOLEAN, plays BIGINT,"
                    + " cover " + engine.binaryType + ", added_at TIMESTAMP)");
            s.execute("CREATE INDEX album_artist_idx ON album (artist_id)");
            s.execute("CREATE UNIQUE INDEX artist_name_idx ON artist (name)");
            s.execute("CREATE VIEW album_view AS SELECT al.album_id, al.title, ar.name AS artist_name"
                    + " FROM album al JOIN artist ar ON ar.artist_id = al.artist_id");
            if (engine == Engine.DUCKDB) {
                s.execute("CREATE SEQUENCE note_seq START 1");
            }
            s.execute("CREATE TABLE note (note_id " + engine.identityColumn + ", body VARCHAR(100))");
            s.execute("INSERT INTO artist VALUES (1, 'AC/DC', 'Australia'), (2, 'Guns N'' Roses', 'USA'),"
                    + " (3, 'Sigur Rós', 'Iceland'), (4, 'Björk', 'Iceland'), (5, 'Anonymous', NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO album (album_id, artist_id, title,"
                + " released, price, rating, explicit_lyrics, plays, cover, added_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            album(ps, 1, 1, "Back in Black", "1980-07-25", "9.99", 4.5, false, 5_000_000_000L, new byte[] {1, 2, 3}, "2020-01-01 10:00:00");
            album(ps, 2, 1, "Highway to Hell", "1979-07-27", "8.99", 4.25, false, 1_234_567L, null, "2020-01-02 11:30:00");
            album(ps, 3, 2, "Appetite for Destruction", "1987-07-21", "12.50", 4.75, true, 987_654_321L, new byte[] {(byte) 0xCA, (byte) 0xFE}, "2021-06-15 08:00:00");
            album(ps, 4, 3, "Ágætis byrjun", "1999-06-12", "11.00", 5.0, false, 42L, new byte[0], null);
            album(ps, 5, 4, "Homogenic", "1997-09-22", "10.00", 4.0, false, null, null, "2022-03-03 03:03:03");
            album(ps, 6, 4, "Vespertine", null, null, null, null, 7L, null, "2022-03-04 00:00:00");
            album(ps, 7, 5, "Untitled 'quoted' \"album\"", "2001-01-01", "0.00", -1.5, true, 0L, new byte[] {0}, "2023-12-31 23:59:59");
        }
    }

    private void album(PreparedStatement ps, int id, int artist, String title, String released, String price,
            Double rating, Boolean explicit, Long plays, byte[] cover, String added) throws SQLException {
        ps.setInt(1, id);
        ps.setInt(2, artist);
        ps.setString(3, title);
        if (released == null) {
            ps.setNull(4, Types.DATE);
        } else if (engine.datesAsText()) {
            ps.setString(4, released);
        } else {
            ps.setDate(4, Date.valueOf(released));
        }
        if (price == null) ps.setNull(5, Types.DECIMAL); else ps.setBigDecimal(5, new BigDecimal(price));
        if (rating == null) ps.setNull(6, Types.DOUBLE); else ps.setDouble(6, rating);
        if (explicit == null) ps.setNull(7, Types.BOOLEAN); else ps.setBoolean(7, explicit);
        if (plays == null) ps.setNull(8, Types.BIGINT); else ps.setLong(8, plays);
        if (cover == null) ps.setNull(9, Types.BINARY); else ps.setBytes(9, cover);
        if (added == null) {
            ps.setNull(10, Types.TIMESTAMP);
        } else if (engine.datesAsText()) {
            ps.setString(10, added);
        } else {
            ps.setTimestamp(10, Timestamp.valueOf(added));
        }
        ps.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        if (engine == Engine.POSTGRESQL) {
            try (Connection c = DriverManager.getConnection(postgresBaseUrl()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
