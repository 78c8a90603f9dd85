package dev.nlsql.driver;

import static org.junit.jupiter.api.Assertions.*;

import dev.nlsql.driver.jdbc.NlsqlConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver over a real Chinook SQLite copy: connect, back-references, unwrap, engine read-only, scratch. */
class SqliteDriverTest {

    Path db;
    String url;

    @BeforeEach
    void copy() throws Exception {
        db = TestDbs.chinookCopy();
        url = "jdbc:nlsql:sqlite:" + db;
    }

    @Test
    void driverManagerFindsNlsqlAndQueriesRun() throws Exception {
        assertInstanceOf(NlsqlDriver.class, DriverManager.getDriver(url));
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Album")) {
            assertTrue(rs.next());
            assertEquals(347, rs.getInt(1));
        }
    }

    @Test
    void backReferencesReturnWrappers() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            assertInstanceOf(NlsqlConnection.class, c);
            Statement s = c.createStatement();
            assertSame(c, s.getConnection());
            ResultSet rs = s.executeQuery("SELECT AlbumId FROM Album LIMIT 2");
            assertSame(s, rs.getStatement());
            assertTrue(s.execute("SELECT 1"));
            ResultSet rs2 = s.getResultSet();
            assertSame(s, rs2.getStatement());
            assertSame(rs2, s.getResultSet(), "getResultSet twice gives the same wrapper");
            PreparedStatement ps = c.prepareStatement("SELECT Name FROM Artist WHERE ArtistId = ?");
            assertSame(c, ps.getConnection());
            ps.setInt(1, 1);
            ResultSet prs = ps.executeQuery();
            assertSame(ps, prs.getStatement());
            assertTrue(prs.next());
            assertEquals("AC/DC", prs.getString(1));
            DatabaseMetaData md = c.getMetaData();
            assertSame(c, md.getConnection());
            assertEquals(url, md.getURL());
            ResultSet tables = md.getTables(null, null, "Album", null);
            assertTrue(tables.next());
            assertEquals("Album", tables.getString("TABLE_NAME"));
            assertFalse(tables.getClass().getName().startsWith("org.sqlite"), "metadata results are wrapped");
            Statement ts = tables.getStatement();
            assertTrue(ts == null || ts.getConnection() == c, "metadata result's statement never leaks the target");
            // generated keys on a scratch insert
            s.execute("CREATE TABLE scratch.k(id INTEGER PRIMARY KEY, v TEXT)");
            PreparedStatement ins = c.prepareStatement("INSERT INTO scratch.k(v) VALUES (?)", Statement.RETURN_GENERATED_KEYS);
            ins.setString(1, "x");
            assertEquals(1, ins.executeUpdate());
            ResultSet keys = ins.getGeneratedKeys();
            assertFalse(keys.getClass().getName().startsWith("org.sqlite"));
            assertSame(ins, keys.getStatement());
        }
    }

    @Test
    void unwrapGivesWrappersAndRefusesVendorClasses() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            assertSame(c, c.unwrap(Connection.class));
            assertTrue(c.isWrapperFor(Connection.class));
            assertFalse(c.isWrapperFor(org.sqlite.SQLiteConnection.class));
            SQLException e = assertThrows(SQLException.class, () -> c.unwrap(org.sqlite.SQLiteConnection.class));
            assertEquals("42501", e.getSQLState());
            assertTrue(e.getMessage().contains("nlsql.unwrap.vendor"), e.getMessage());
            Statement s = c.createStatement();
            assertSame(s, s.unwrap(Statement.class));
            assertEquals("42501", assertThrows(SQLException.class, () -> s.unwrap(org.sqlite.core.CoreStatement.class)).getSQLState());
            ResultSet rs = s.executeQuery("SELECT 1");
            assertSame(rs, rs.unwrap(ResultSet.class));
            assertEquals("42501", assertThrows(SQLException.class, () -> rs.unwrap(org.sqlite.core.CoreResultSet.class)).getSQLState());
            DatabaseMetaData md = c.getMetaData();
            assertSame(md, md.unwrap(DatabaseMetaData.class));
            assertEquals("42501", assertThrows(SQLException.class, () -> md.unwrap(org.sqlite.jdbc4.JDBC4DatabaseMetaData.class)).getSQLState());
            assertEquals("22023", assertThrows(SQLException.class, () -> s.unwrap(PreparedStatement.class)).getSQLState());
        }
    }

    @Test
    void sourceIsReadOnlyAtTheEngineEvenThroughVendorUnwrap() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.unwrap.vendor", "true");
        try (Connection c = DriverManager.getConnection(url, p)) {
            org.sqlite.SQLiteConnection raw = c.unwrap(org.sqlite.SQLiteConnection.class);
            assertTrue(c.isWrapperFor(org.sqlite.SQLiteConnection.class));
            try (Statement s = raw.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM Track"));
                assertTrue(e.getMessage().contains("readonly"), e.getMessage());
                assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE main.evil(x)"));
            }
            // and through the wrapper (the pass-through policy lets it reach the engine)
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE Artist SET Name = 'x'"));
            }
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = raw.createStatement().executeQuery("SELECT COUNT(*) FROM Track")) {
            rs.next();
            assertEquals(3503, rs.getInt(1), "source unchanged");
        }
    }

    @Test
    void auditModeOpensTheSourceAsTheUrlSays() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.policy.mode", "audit");
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE Artist SET Name = 'changed' WHERE ArtistId = 1"));
            assertNotNull(c.unwrap(org.sqlite.SQLiteConnection.class), "audit mode allows vendor unwrap");
        }
    }

    @Test
    void scratchTablesJoinSourceTablesAndPersist() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch.fav AS SELECT ArtistId FROM Artist WHERE ArtistId IN (1, 2, 3)");
            assertEquals(1, s.executeUpdate("INSERT INTO scratch.fav VALUES (4)"));
            try (ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM fav f JOIN Album a ON a.ArtistId = f.ArtistId")) {
                rs.next();
                assertEquals(2 + 2 + 1 + 1, rs.getInt(1), "AC/DC 2, Accept 2, Aerosmith 1, Alanis 1 albums");
            }
        }
        // persistent by default: the next connection to the same source sees it
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM scratch.fav")) {
            rs.next();
            assertEquals(4, rs.getInt(1));
        }
        Path scratchDir = Path.of(System.getProperty("nlsql.home")).resolve("scratch/sqlite");
        try (var files = Files.list(scratchDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("Chinook-")));
        }
        Properties mem = new Properties();
        mem.setProperty("nlsql.scratch", "memory");
        try (Connection c = DriverManager.getConnection(url, mem); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT COUNT(*) FROM scratch.fav"));
            s.execute("CREATE TABLE scratch.t(x)");
        }
    }

    @Test
    void strictModeReadsScratchButTheEngineRefusesScratchWrites() throws Exception {
        Properties strict = new Properties();
        strict.setProperty("nlsql.policy.mode", "strict");
        try (Connection c = DriverManager.getConnection(url, strict)) {
            assertNull(((NlsqlConnection) c).session().scratchSchema(), "no scratch database yet: none attached");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch.kept AS SELECT 1 AS x");
        }
        try (Connection c = DriverManager.getConnection(url, strict); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT x FROM scratch.kept")) {
                assertTrue(rs.next());
            }
            SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO scratch.kept VALUES (2)"));
            assertTrue(e.getMessage().contains("readonly"), e.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("CREATE TABLE scratch.more(x)"));
        }
    }

    @Test
    void passThroughFeatures() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement ps = c.prepareStatement("SELECT AlbumId, Title FROM Album WHERE AlbumId < ?");
            ResultSetMetaData md = ps.getMetaData();
            assertEquals(2, md.getColumnCount(), "metadata before execution");
            assertEquals("Title", md.getColumnName(2));
            assertEquals(1, ps.getParameterMetaData().getParameterCount());
            c.setAutoCommit(false);
            Statement s = c.createStatement();
            s.execute("CREATE TABLE scratch.b(x INTEGER)");
            s.addBatch("INSERT INTO scratch.b VALUES (1)");
            s.addBatch("INSERT INTO scratch.b VALUES (2)");
            assertArrayEquals(new int[] {1, 1}, s.executeBatch());
            PreparedStatement pb = c.prepareStatement("INSERT INTO scratch.b VALUES (?)");
            for (int i = 3; i <= 5; i++) {
                pb.setInt(1, i);
                pb.addBatch();
            }
            assertEquals(3, pb.executeBatch().length);
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(30, s.getQueryTimeout(), "nlsql.timeout.seconds default applied");
            s.setQueryTimeout(7);
            assertEquals(7, s.getQueryTimeout());
            assertFalse(s.execute("CREATE TABLE scratch.m(x)"));
            assertTrue(s.getUpdateCount() >= 0, "an update count, as the target reports it");
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
            assertNull(s.getWarnings());
            c.setClientInfo("ApplicationName", "nlsql-test");
            assertNotNull(c.getMetaData().getDatabaseProductName());
            assertEquals("SQLite", c.getMetaData().getDatabaseProductName());
            assertTrue(c.isValid(1));
        }
    }

    @Test
    void oddFileNamesOpenReadOnly() throws Exception {
        Path odd = db.resolveSibling("we#ird 100%.sqlite");
        Files.copy(db, odd);
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:sqlite:" + odd); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Genre")) {
            rs.next();
            assertEquals(25, rs.getInt(1));
            assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("DELETE FROM Genre"));
        }
    }

    @Test
    void useAfterCloseGivesStandardStates() throws Exception {
        Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM Album");
        PreparedStatement ps = c.prepareStatement("SELECT 1");
        c.close();
        assertTrue(c.isClosed());
        assertTrue(s.isClosed(), "statements are closed with their connection");
        assertTrue(ps.isClosed());
        assertTrue(rs.isClosed());
        assertFalse(c.isValid(1));
        assertEquals("08003", assertThrows(SQLException.class, c::createStatement).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, () -> c.prepareStatement("SELECT 1")).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, c::getAutoCommit).getSQLState());
        assertEquals("HY010", assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1")).getSQLState());
        assertEquals("HY010", assertThrows(SQLException.class, ps::executeQuery).getSQLState());
        assertEquals("24000", assertThrows(SQLException.class, rs::next).getSQLState());
        c.close();
        s.close();
        rs.close();
    }
}
