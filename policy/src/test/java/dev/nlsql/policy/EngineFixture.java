package dev.nlsql.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A real engine with a source database (a Chinook subset plus the tables {@code t} and {@code u}
 * that the corpora name) and a writable scratch schema, opened with plain JDBC. The work
 * connection is deliberately NOT opened read-only: the policy is the only wall in these tests,
 * so the invariant (source digest unchanged, no stray files) tests the policy itself.
 */
abstract class EngineFixture implements AutoCloseable {

    final Path dir;
    final ConcurrentScratchCatalog catalog = new ConcurrentScratchCatalog();
    Connection conn;

    EngineFixture(Path dir) {
        this.dir = dir;
    }

    abstract Engine engine();

    /** Scratch schema name as the policy is configured with it; {@code scratch} unless a fixture says otherwise. */
    String scratchSchema() {
        return "scratch";
    }

    /** Opens (or re-opens) the work connection. */
    abstract Connection open() throws SQLException;

    /** Qualified names of every source table, from the engine's catalog (new ones included). */
    abstract List<String> sourceTables() throws SQLException;

    /** Extra catalog facts that must not change: views, triggers, routines, sequences. */
    abstract List<String> sourceObjects() throws SQLException;

    /** Names of the objects in scratch, from the engine's catalog. */
    abstract List<String> scratchObjects() throws SQLException;

    /** Qualified name of a source table for DDL/DML during set-up. */
    abstract String src(String table);

    SqlPolicy policy(PolicyMode mode) {
        return new SqlPolicy(new PolicyConfig(engine(), mode, scratchSchema(), catalog, 4096, Set.of()));
    }

    Connection connection() throws SQLException {
        if (conn == null || conn.isClosed()) {
            conn = open();
        }
        return conn;
    }

    /** Runs {@code sql} on the work connection; the first column of every row as text. */
    List<String> names(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void refreshCatalog() throws SQLException {
        catalog.replaceAll(scratchObjects());
    }

    /** SHA-256 over the source's table list, catalog objects and every row (order-independent). */
    String digest() throws SQLException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> tables = new ArrayList<>(sourceTables());
            Collections.sort(tables);
            for (String o : new TreeSet<>(sourceObjects())) {
                md.update(("obj:" + o + "\n").getBytes(StandardCharsets.UTF_8));
            }
            try (Statement st = connection().createStatement()) {
                for (String t : tables) {
                    md.update(("table:" + t + "\n").getBytes(StandardCharsets.UTF_8));
                    List<String> rows = new ArrayList<>();
                    try (ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
                        ResultSetMetaData m = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 1; i <= m.getColumnCount(); i++) {
                                sb.append(rs.getString(i)).append('\u0001');
                            }
                            rows.add(sb.toString());
                        }
                    }
                    Collections.sort(rows);
                    for (String r : rows) {
                        md.update(r.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files under the fixture folder, apart from scratch and engine journal files. */
    Set<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new TreeSet<>(s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(n -> !n.startsWith("scratch") && !n.contains("-journal") && !n.endsWith(".wal")
                            && !n.contains("-wal") && !n.contains("-shm") && !n.endsWith(".trace.db")
                            && !n.endsWith(".lock.db") && !n.startsWith(".tmp"))
                    .toList());
        }
    }

    /** Creates t, u and the Chinook subset in the source, with the given DDL types. */
    void loadSource(String intType, String textType, String dateType, String numType) throws Exception {
        loadSource(intType, textType, dateType, numType, true);
    }

    void loadSource(String intType, String textType, String dateType, String numType, boolean chinook)
            throws Exception {
        Connection c = connection();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + src("t") + " (a " + intType + ", b " + intType + ", c " + intType
                    + ", d " + dateType + ", j " + textType + ", ts " + dateType + ")");
            st.execute("CREATE TABLE " + src("u") + " (id " + intType + ", a " + intType + ", b " + intType
                    + ", ts " + dateType + ")");
            for (int i = 1; i <= 20; i++) {
                st.execute("INSERT INTO " + src("t") + " (a, b, c, d, j, ts) VALUES (" + i + ", " + (i % 3) + ", " + (i * 7 % 5)
                        + ", '2020-01-" + String.format("%02d", i) + "', '{\"x\": " + i + "}', '2020-01-"
                        + String.format("%02d", i) + " 10:00:00')");
                st.execute("INSERT INTO " + src("u") + " (id, a, b, ts) VALUES (" + i + ", " + (21 - i) + ", " + (i % 4)
                        + ", '2020-01-" + String.format("%02d", i) + " 09:00:00')");
            }
            st.execute("CREATE TABLE " + src("Artist") + " (ArtistId " + intType + ", Name " + textType + ")");
            st.execute("CREATE TABLE " + src("Album") + " (AlbumId " + intType + ", Title " + textType + ", ArtistId "
                    + intType + ")");
            st.execute("CREATE TABLE " + src("Genre") + " (GenreId " + intType + ", Name " + textType + ")");
            st.execute("CREATE TABLE " + src("Track") + " (TrackId " + intType + ", Name " + textType + ", AlbumId "
                    + intType + ", GenreId " + intType + ", Composer " + textType + ", Milliseconds " + intType
                    + ", UnitPrice " + numType + ")");
            st.execute("CREATE TABLE " + src("Invoice") + " (InvoiceId " + intType + ", CustomerId " + intType
                    + ", InvoiceDate " + dateType + ", BillingCountry " + textType + ", Total " + numType + ")");
        }
        if (!chinook) {
            return;
        }
        Path chinookDb = Corpora.shared().resolve("databases/chinook/Chinook_Sqlite.sqlite");
        try (Connection in = DriverManager.getConnection("jdbc:sqlite:" + chinookDb.toAbsolutePath())) {
            copy(in, c, "SELECT ArtistId, Name FROM Artist", src("Artist"), 2);
            copy(in, c, "SELECT AlbumId, Title, ArtistId FROM Album", src("Album"), 3);
            copy(in, c, "SELECT GenreId, Name FROM Genre", src("Genre"), 2);
            copy(in, c, "SELECT TrackId, Name, AlbumId, GenreId, Composer, Milliseconds, UnitPrice FROM Track",
                    src("Track"), 7);
            copy(in, c, "SELECT InvoiceId, CustomerId, InvoiceDate, BillingCountry, Total FROM Invoice",
                    src("Invoice"), 5);
        }
    }

    private static void copy(Connection in, Connection out, String select, String table, int cols) throws SQLException {
        boolean auto = out.getAutoCommit();
        out.setAutoCommit(false);
        String marks = String.join(", ", Collections.nCopies(cols, "?"));
        try (Statement s = in.createStatement(); ResultSet rs = s.executeQuery(select);
                PreparedStatement ps = out.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
            ResultSetMetaData m = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= cols; i++) {
                    Object v = rs.getObject(i);
                    if (m.getColumnTypeName(i).toUpperCase().contains("DATE") && v != null) {
                        v = java.sql.Timestamp.valueOf(rs.getString(i).replace('T', ' ').substring(0, 19));
                    }
                    ps.setObject(i, v);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        out.commit();
        out.setAutoCommit(auto);
    }

    @Override
    public void close() throws Exception {
        if (conn != null) {
            conn.close();
        }
    }
}
