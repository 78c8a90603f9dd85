package dev.nlsql.driver;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** DuckDB, H2 and PostgreSQL through jdbc:nlsql:: engine-level read-only opening and scratch. */
class EnginesTest {

    static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    static Properties vendor() {
        Properties p = new Properties();
        p.setProperty("nlsql.unwrap.vendor", "true");
        return p;
    }

    // ---- DuckDB ------------------------------------------------------------------------

    @Test
    void duckdbSourceIsAttachedReadOnlyWithScratchBeside() throws Exception {
        Path db = TestDbs.dir().resolve("shop.duckdb");
        try (Connection raw = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            exec(raw, "CREATE TABLE item(id INTEGER PRIMARY KEY, name VARCHAR)",
                    "INSERT INTO item VALUES (1, 'apple'), (2, 'pear'), (3, 'plum')");
        }
        String url = "jdbc:nlsql:duckdb:" + db;
        try (Connection c = DriverManager.getConnection(url, vendor())) {
            assertEquals(3, scalar(c, "SELECT COUNT(*) FROM item"));
            assertEquals("shop", c.getCatalog(), "the source keeps the catalog name the raw driver shows");
            // engine wall: a write sent straight to the raw connection fails
            Connection raw = c.unwrap(org.duckdb.DuckDBConnection.class);
            try (Statement s = raw.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("DELETE FROM item"));
                assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            }
            try (Statement s = raw.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("COPY item TO '" + db.getParent().resolve("x.csv") + "'"));
                assertTrue(e.getMessage().toLowerCase().contains("disabled"), e.getMessage());
            }
            try (Statement s = raw.createStatement()) {
                assertThrows(SQLException.class, () -> s.execute("SET enable_external_access = true"), "configuration locked");
            }
            // scratch: create, insert, join
            exec(c, "CREATE TABLE scratch.pick AS SELECT id FROM item WHERE id < 3", "INSERT INTO scratch.pick VALUES (3)");
            assertEquals(3, scalar(c, "SELECT COUNT(*) FROM pick JOIN item USING (id)"), "unqualified scratch names resolve");
            // tools see both through DatabaseMetaData
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_CAT") + "." + rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.contains("shop.item"), tables.toString());
            assertTrue(tables.contains("scratch.pick"), tables.toString());
            List<String> catalogs = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getCatalogs()) {
                while (rs.next()) {
                    catalogs.add(rs.getString(1));
                }
            }
            assertFalse(catalogs.contains("memory"), "the session's own in-memory catalog is detached: " + catalogs);
            assertEquals(url, c.getMetaData().getURL(), "getURL answers the jdbc:nlsql: URL");
            // a second connection to the same source shares the instance and sees scratch
            try (Connection c2 = DriverManager.getConnection(url)) {
                assertEquals(3, scalar(c2, "SELECT COUNT(*) FROM scratch.pick"));
                assertEquals(java.util.Set.of("pick"), ((dev.nlsql.driver.jdbc.NlsqlConnection) c2).pipeline().scratch().names(),
                        "scratch objects read at connect");
            }
        }
        // persistent scratch survives; the source is untouched
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(3, scalar(c, "SELECT COUNT(*) FROM scratch.pick"));
        }
        try (Connection raw = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            assertEquals(3, scalar(raw, "SELECT COUNT(*) FROM item"));
        }
        // strict: the scratch database is attached READ_ONLY
        Properties strict = new Properties();
        strict.setProperty("nlsql.policy.mode", "strict");
        try (Connection c = DriverManager.getConnection(url, strict)) {
            assertEquals(3, scalar(c, "SELECT COUNT(*) FROM pick JOIN item USING (id)"));
            try (Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO scratch.pick VALUES (4)"));
                assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            }
        }
    }

    @Test
    void duckdbDangerousUrlOptionsAreStripped() throws Exception {
        Path db = TestDbs.dir().resolve("s.duckdb");
        try (Connection raw = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            exec(raw, "CREATE TABLE t AS SELECT 1 AS x");
        }
        Properties p = new Properties();
        p.setProperty("access_mode", "READ_WRITE");
        p.setProperty("enable_external_access", "true");
        p.setProperty("nlsql.unwrap.vendor", "true");
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:duckdb:" + db, p)) {
            Connection raw = c.unwrap(org.duckdb.DuckDBConnection.class);
            try (Statement s = raw.createStatement()) {
                assertThrows(SQLException.class, () -> s.execute("INSERT INTO t VALUES (2)"));
            }
        }
    }

    // ---- H2 ----------------------------------------------------------------------------

    @Test
    void h2FileSourceIsOpenedReadOnly() throws Exception {
        Path dir = TestDbs.dir();
        String file = dir.resolve("h2db").toString();
        try (Connection raw = DriverManager.getConnection("jdbc:h2:" + file, "sa", "")) {
            exec(raw, "CREATE TABLE item(id INT PRIMARY KEY, name VARCHAR(20))", "INSERT INTO item VALUES (1, 'a'), (2, 'b')");
        }
        Properties p = vendor();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        // INIT= would run a script at connect: stripped
        String url = "jdbc:nlsql:h2:" + file + ";INIT=CREATE TABLE pwned(x INT)\\;INSERT INTO item VALUES (9, 'z')";
        try (Connection c = DriverManager.getConnection(url, p)) {
            assertEquals(2, scalar(c, "SELECT COUNT(*) FROM item"));
            Connection raw = c.unwrap(org.h2.jdbc.JdbcConnection.class);
            try (Statement s = raw.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute("DELETE FROM item"));
                assertTrue(e.getMessage().contains("read only"), e.getMessage());
            }
            assertNull(((dev.nlsql.driver.jdbc.NlsqlConnection) c).session().scratchSchema(), "no scratch on a read-only H2 file");
            assertTrue(((dev.nlsql.driver.jdbc.NlsqlConnection) c).engineReadOnly());
        }
        // H2 ignores ACCESS_MODE_DATA=r for a database this JVM already has open read-write: detected
        try (Connection raw = DriverManager.getConnection("jdbc:h2:" + file, "sa", "");
                Connection c = DriverManager.getConnection("jdbc:nlsql:h2:" + file, p)) {
            assertFalse(((dev.nlsql.driver.jdbc.NlsqlConnection) c).engineReadOnly());
            assertEquals(2, scalar(c, "SELECT COUNT(*) FROM item"));
        }
        try (Connection raw = DriverManager.getConnection("jdbc:h2:" + file, "sa", "")) {
            assertEquals(2, scalar(raw, "SELECT COUNT(*) FROM item"));
            assertEquals(0, scalar(raw, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'PWNED'"));
        }
    }

    @Test
    void h2InMemoryHasAScratchSchema() throws Exception {
        String url = "jdbc:nlsql:h2:mem:scratch" + TestDbs.unique() + ";DB_CLOSE_DELAY=-1";
        Properties p = new Properties();
        p.setProperty("nlsql.stages", RecordingStages.class.getName());
        try (Connection c = DriverManager.getConnection(url, p)) {
            assertEquals(0, scalar(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = 'SCRATCH'"),
                    "connecting creates nothing");
            exec(c, "CREATE TABLE scratch.t(id INT)", "INSERT INTO scratch.t VALUES (1), (2)");
            assertEquals(2, scalar(c, "SELECT COUNT(*) FROM scratch.t t JOIN INFORMATION_SCHEMA.SCHEMATA s ON 1 = 1 WHERE s.SCHEMA_NAME = 'SCRATCH'"));
        }
    }

    // ---- PostgreSQL --------------------------------------------------------------------

    @Test
    void postgresSessionIsReadOnlyAndScratchWritesRunInTheirOwnTransaction() throws Exception {
        String schema = "nlsql_scratch_" + TestDbs.unique();
        String srcTable = "nlsql_src_" + TestDbs.unique();
        try (Connection admin = DriverManager.getConnection("jdbc:" + TestDbs.pg())) {
            exec(admin, "CREATE TABLE " + srcTable + "(id int primary key, name text)",
                    "INSERT INTO " + srcTable + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            try {
                Properties p = vendor();
                p.setProperty("nlsql.scratch.schema", schema);
                p.setProperty("nlsql.stages", RecordingStages.class.getName());
                p.setProperty("options", "-c default_transaction_read_only=off");
                try (Connection c = DriverManager.getConnection("jdbc:nlsql:" + TestDbs.pg() + "&readOnly=false", p)) {
                    assertEquals(3, scalar(c, "SELECT COUNT(*) FROM " + srcTable));
                    assertEquals(0, scalar(admin, "SELECT COUNT(*) FROM pg_namespace WHERE nspname = '" + schema + "'"),
                            "connecting creates nothing in the database");
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW default_transaction_read_only")) {
                        rs.next();
                        assertEquals("on", rs.getString(1), "the user's options cannot turn it off");
                    }
                    Connection raw = (Connection) c.unwrap(org.postgresql.PGConnection.class);
                    try (Statement s = raw.createStatement()) {
                        SQLException e = assertThrows(SQLException.class, () -> s.execute("DELETE FROM " + srcTable));
                        assertEquals("25006", e.getSQLState());
                    }
                    // the test policy marks statements naming the scratch schema as scratch writes
                    exec(c, "CREATE TABLE " + schema + ".pick AS SELECT id FROM " + srcTable + " WHERE id < 3",
                            "INSERT INTO " + schema + ".pick VALUES (3)");
                    assertEquals(3, scalar(c, "SELECT COUNT(*) FROM pick JOIN " + srcTable + " USING (id)"),
                            "scratch is on the search_path");
                    try (Statement s = c.createStatement()) {
                        assertEquals("25006", assertThrows(SQLException.class, () -> s.execute("DELETE FROM " + srcTable)).getSQLState(),
                                "a source write outside scratch still fails at the engine");
                    }
                    assertTrue(c.getAutoCommit());
                    assertTrue(((dev.nlsql.driver.jdbc.NlsqlConnection) c).engineReadOnly());
                    assertTrue(RecordingStages.SCRATCH.contains("pick"), "PostgreSQL scratch objects are tracked");
                }
                assertEquals(3, scalar(admin, "SELECT COUNT(*) FROM " + srcTable));
                assertEquals(3, scalar(admin, "SELECT COUNT(*) FROM " + schema + ".pick"), "persistent scratch");
                p.setProperty("nlsql.policy.mode", "strict");
                try (Connection c = DriverManager.getConnection("jdbc:nlsql:" + TestDbs.pg(), p)) {
                    assertEquals(3, scalar(c, "SELECT COUNT(*) FROM pick"), "strict reads scratch");
                    try (Statement s = c.createStatement()) {
                        assertEquals("25006", assertThrows(SQLException.class,
                                () -> s.execute("INSERT INTO " + schema + ".pick VALUES (4)")).getSQLState(),
                                "strict: no read-write transaction for scratch writes");
                    }
                }
            } finally {
                exec(admin, "DROP TABLE IF EXISTS " + srcTable, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void postgresMemoryScratchIsTheTempSchema() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.scratch", "memory");
        p.setProperty("nlsql.stages", RecordingStages.class.getName());
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:" + TestDbs.pg(), p)) {
            assertEquals("pg_temp", ((dev.nlsql.driver.jdbc.NlsqlConnection) c).session().scratchSchema());
            exec(c, "CREATE TABLE pg_temp.t AS SELECT generate_series(1, 5) AS x");
            assertTrue(RecordingStages.SCRATCH.contains("t"), "pg_temp objects are tracked");
            assertEquals(5, scalar(c, "SELECT COUNT(*) FROM t"));
        }
    }

    @Test
    void postgresMetadataAndPreparedMetadataPassThrough() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:" + TestDbs.pg())) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals("PostgreSQL", md.getDatabaseProductName());
            assertEquals("\"", md.getIdentifierQuoteString());
            try (ResultSet rs = md.getSchemas()) {
                assertTrue(rs.next());
                assertNull(rs.getStatement());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 AS one, 'x'::text AS two WHERE 1 = ?")) {
                assertEquals(2, ps.getMetaData().getColumnCount());
                assertEquals(1, ps.getParameterMetaData().getParameterCount());
            }
        }
    }
}
