package dev.nlsql.provenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** Real databases for tests: Chinook (SQLite) from the shared folder, PostgreSQL from NLSQL_PG_URL. */
final class TestDbs {
    private TestDbs() {}

    static Path chinook() {
        String shared = System.getProperty("nlsql.shared", "../../shared");
        Path p = Path.of(shared, "data", "databases", "chinook", "Chinook_Sqlite.sqlite");
        if (!Files.exists(p)) {
            p = Path.of(shared, "databases", "chinook", "Chinook_Sqlite.sqlite");
        }
        if (!Files.exists(p)) {
            throw new IllegalStateException("Chinook not found under nlsql.shared=" + shared);
        }
        return p;
    }

    /** A private copy of Chinook (tests may change it). */
    static Path chinookCopy(Path dir) throws Exception {
        Path copy = dir.resolve("chinook-" + UUID.randomUUID() + ".sqlite");
        Files.copy(chinook(), copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    static Connection sqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** JDBC URL of the test PostgreSQL (database {@code db}). */
    static String pgUrl(String db) {
        String env = System.getenv("NLSQL_PG_URL");
        String url = env != null && !env.isBlank() ? env : "postgresql://127.0.0.1:54329/nlsql?user=nlsql&password=nlsql";
        if (!url.startsWith("jdbc:")) {
            url = "jdbc:" + url;
        }
        return url.replaceFirst("/nlsql(\\?|$)", "/" + db + "$1");
    }

    static Connection pg(String db) throws SQLException {
        return DriverManager.getConnection(pgUrl(db));
    }

    /** A fresh PostgreSQL schema on {@code c}, made the connection's search path. */
    static String pgSchema(Connection c) throws SQLException {
        String s = "prov_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + s);
            st.execute("SET search_path TO " + s);
        }
        return s;
    }

    static void dropPgSchema(Connection c, String schema) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * Copies Chinook's Track table (TrackId, Name, AlbumId, GenreId, Milliseconds, Bytes,
     * UnitPrice) into {@code to} as table {@code track} with portable types.
     */
    static void copyTrack(Connection from, Connection to) throws SQLException {
        try (Statement st = to.createStatement()) {
            st.execute("CREATE TABLE track (trackid INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " albumid INTEGER, genreid INTEGER, milliseconds INTEGER NOT NULL, bytes INTEGER,"
                    + " unitprice DECIMAL(10,2) NOT NULL)");
        }
        boolean auto = to.getAutoCommit();
        to.setAutoCommit(false);
        try (Statement st = from.createStatement();
             ResultSet rs = st.executeQuery("SELECT TrackId, Name, AlbumId, GenreId, Milliseconds, Bytes,"
                     + " CAST(UnitPrice AS TEXT) FROM Track");
             PreparedStatement ins = to.prepareStatement("INSERT INTO track VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= 6; i++) {
                    Object v = rs.getObject(i);
                    if (v == null) {
                        ins.setNull(i, i == 2 ? java.sql.Types.VARCHAR : java.sql.Types.INTEGER);
                    } else if (i == 2) {
                        ins.setString(i, (String) v);
                    } else {
                        ins.setInt(i, ((Number) v).intValue());
                    }
                }
                ins.setBigDecimal(7, new java.math.BigDecimal(rs.getString(7)));
                ins.addBatch();
            }
            ins.executeBatch();
            to.commit();
        } finally {
            to.setAutoCommit(auto);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
