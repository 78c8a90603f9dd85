package dev.nlsql.driver;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.*;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Unknown targets, missing drivers, malformed URLs, bad options: clear SQLStates, nothing leaked. */
class BadInputTest {

    final NlsqlDriver driver = new NlsqlDriver();

    @Test
    void acceptsOnlyTheNlsqlPrefix() throws Exception {
        assertTrue(driver.acceptsURL("jdbc:nlsql:sqlite:/x.db"));
        assertTrue(driver.acceptsURL("JDBC:NLSQL:sqlite:/x.db"));
        assertFalse(driver.acceptsURL("jdbc:sqlite:/x.db"));
        assertFalse(driver.acceptsURL("jdbc:nlsq:sqlite"));
        assertFalse(driver.acceptsURL(null));
        assertNull(driver.connect("jdbc:sqlite:/x.db", new Properties()), "JDBC: null for a URL it does not accept");
    }

    @Test
    void unknownTargetGives08001() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:nlsql:nosuch:whatever"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }

    @Test
    void missingTargetDriverGives08001() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:nlsql:mysql://127.0.0.1/x"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("mysql"), e.getMessage());
    }

    @Test
    void malformedUrlsGive08001() {
        for (String u : new String[] {"jdbc:nlsql:", "jdbc:nlsql:  ", "jdbc:nlsql:sqlite", "jdbc:nlsql::memory:",
                "jdbc:nlsql:nlsql:sqlite:/x", "jdbc:nlsql:jdbc:sqlite:/x"}) {
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(u), u);
            assertEquals("08001", e.getSQLState(), u);
        }
    }

    @Test
    void badOptionValuesGive22023() throws Exception {
        String url = "jdbc:nlsql:sqlite::memory:";
        for (String[] kv : new String[][] {{"nlsql.policy.mode", "yolo"}, {"nlsql.timeout.seconds", "-1"},
                {"nlsql.timeout.seconds", "soon"}, {"nlsql.maxRows", "many"}, {"nlsql.provenance.enabled", "maybe"},
                {"nlsql.scratch", "disk"}, {"nlsql.scratch.schema", "a;b"}, {"nlsql.unwrap.vendor", "2"},
                {"nlsql.config", "/no/such/nlsql.properties"}, {"nlsql.stages", "no.such.Stages"}}) {
            Properties p = new Properties();
            p.setProperty(kv[0], kv[1]);
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p), kv[0]);
            assertEquals("22023", e.getSQLState(), kv[0] + "=" + kv[1]);
            assertTrue(e.getMessage().contains(kv[0]), e.getMessage());
        }
    }

    @Test
    void aMissingSqliteSourceIsNotCreatedInReadOnlyMode() throws Exception {
        Path missing = TestDbs.dir().resolve("missing.sqlite");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:nlsql:sqlite:" + missing));
        assertEquals("08001", e.getSQLState());
        assertFalse(Files.exists(missing), "read-only opening never creates the source");
    }

    @Test
    void aMissingDuckDbSourceGives08001() throws Exception {
        Path missing = TestDbs.dir().resolve("missing.duckdb");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:nlsql:duckdb:" + missing));
        assertEquals("08001", e.getSQLState());
        assertFalse(Files.exists(missing));
    }

    @Test
    void aFailureAfterConnectingClosesTheTargetConnection() throws Exception {
        String url = "jdbc:" + TestDbs.pg();
        int before = backends(url);
        Properties p = new Properties();
        p.setProperty("nlsql.stages", FailingStages.class.getName());
        for (int i = 0; i < 3; i++) {
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:nlsql:" + TestDbs.pg(), p));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("policy unavailable"), e.getMessage());
        }
        assertEquals(before, backends(url), "no PostgreSQL session left open");
    }

    static int backends(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND application_name = 'PostgreSQL JDBC Driver' AND usename = current_user")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Stages whose policy cannot be built: connect must fail after the target connection opened. */
    public static final class FailingStages extends dev.nlsql.driver.pipeline.DefaultPipelineStages {
        @Override
        public dev.nlsql.policy.StatementPolicy policy(dev.nlsql.driver.backend.Backend backend,
                dev.nlsql.driver.backend.BackendSession session, dev.nlsql.driver.pipeline.ScratchObjects scratch,
                NlsqlConfig config) {
            throw new IllegalStateException("policy unavailable");
        }
    }

    @Test
    void getPropertyInfoListsNlsqlAndTargetOptions() throws Exception {
        DriverPropertyInfo[] info = driver.getPropertyInfo("jdbc:nlsql:postgresql://127.0.0.1/x", new Properties());
        assertTrue(java.util.Arrays.stream(info).anyMatch(i -> i.name.equals("nlsql.policy.mode") && i.value.equals("read-only")
                && i.choices.length == 3));
        assertTrue(java.util.Arrays.stream(info).anyMatch(i -> i.name.equals("nlsql.timeout.seconds") && i.value.equals("30")));
        assertTrue(java.util.Arrays.stream(info).anyMatch(i -> i.name.equalsIgnoreCase("readOnlyMode")), "pgjdbc's own properties");
        DriverPropertyInfo[] unknown = driver.getPropertyInfo("jdbc:nlsql:nosuch:x", new Properties());
        assertEquals(NlsqlOption.values().length, unknown.length);
    }

    @Test
    void dataSourceOpensNlsqlConnections() throws Exception {
        NlsqlDataSource ds = new NlsqlDataSource();
        assertEquals("08001", assertThrows(SQLException.class, ds::getConnection).getSQLState());
        ds.setUrl("jdbc:nlsql:sqlite:" + TestDbs.chinookCopy());
        ds.setProperty("nlsql.maxRows", "3");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM Genre")) {
            assertInstanceOf(dev.nlsql.driver.jdbc.NlsqlConnection.class, c);
            int n = 0;
            while (rs.next()) {
                n++;
            }
            assertEquals(3, n);
        }
        assertSame(ds, ds.unwrap(javax.sql.DataSource.class));
    }

    @Test
    void optionsAreStrippedBeforeTheTargetSeesThem() {
        Properties p = new Properties();
        p.setProperty("nlsql.policy.mode", "audit");
        p.setProperty("user", "u");
        Properties t = NlsqlConfig.targetProperties(p);
        assertEquals("u", t.getProperty("user"));
        assertNull(t.getProperty("nlsql.policy.mode"));
        assertEquals(1, t.size());
    }

    @Test
    void configFileAndDefaults() throws Exception {
        NlsqlConfig d = NlsqlConfig.from(new Properties());
        assertEquals(dev.nlsql.policy.PolicyMode.READ_ONLY, d.policyMode());
        assertEquals(30, d.timeoutSeconds());
        assertEquals(0, d.maxRows());
        assertTrue(d.provenanceEnabled());
        assertEquals("scratch", d.scratchSchema());
        assertFalse(d.vendorUnwrapAllowed());
        assertEquals("yes", d.get("nlsql.test.fromResource"), "nlsql.properties on the class path is read");
        Path f = TestDbs.dir().resolve("nlsql.properties");
        Files.writeString(f, "nlsql.maxRows=5\nnlsql.timeout.seconds=9\nnlsql.model.name=x\nother=1\n");
        Properties p = new Properties();
        p.setProperty("nlsql.config", f.toString());
        p.setProperty("nlsql.timeout.seconds", "4");
        NlsqlConfig c = NlsqlConfig.from(p);
        assertEquals(5, c.maxRows());
        assertEquals(4, c.timeoutSeconds(), "connection properties win over the file");
        assertEquals("x", c.get("nlsql.model.name"), "other modules' options are carried");
        assertEquals("x", c.toProperties().getProperty("nlsql.model.name"));
        assertEquals("4", c.toProperties().getProperty("nlsql.timeout.seconds"));
        assertNull(c.get("other"));
    }
}
