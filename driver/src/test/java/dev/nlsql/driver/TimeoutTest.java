package dev.nlsql.driver;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.*;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A runaway statement ends within its timeout and the connection stays usable; max rows apply. */
class TimeoutTest {

    static final String RUNAWAY = "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x) SELECT COUNT(*) FROM x";

    static Properties oneSecond() {
        Properties p = new Properties();
        p.setProperty("nlsql.timeout.seconds", "1");
        return p;
    }

    void runawayEndsAndConnectionSurvives(String url, Properties p, String runaway) throws Exception {
        try (Connection c = DriverManager.getConnection(url, p)) {
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> {
                    try (ResultSet rs = s.executeQuery(runaway)) {
                        rs.next();
                    }
                });
                double secs = (System.nanoTime() - t0) / 1e9;
                assertTrue(secs < 5, "ended after " + secs + " s: " + e);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1), "connection still usable");
            }
        }
    }

    @Test
    void sqliteRunawayIsCancelledByTheWatchdog() throws Exception {
        String url = "jdbc:nlsql:sqlite:" + TestDbs.chinookCopy();
        runawayEndsAndConnectionSurvives(url, oneSecond(), RUNAWAY);
        try (Connection c = DriverManager.getConnection(url, oneSecond()); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(RUNAWAY));
            assertInstanceOf(SQLTimeoutException.class, e);
            assertEquals("57014", e.getSQLState());
            // the same statement runs again after a timeout
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Track")) {
                rs.next();
                assertEquals(3503, rs.getInt(1));
            }
            // a PreparedStatement is watched too
            PreparedStatement ps = c.prepareStatement(RUNAWAY);
            assertEquals("57014", assertThrows(SQLException.class, ps::executeQuery).getSQLState());
        }
    }

    @Test
    void duckdbRunawayEnds() throws Exception {
        runawayEndsAndConnectionSurvives("jdbc:nlsql:duckdb:", oneSecond(), RUNAWAY);
    }

    @Test
    void h2RunawayEnds() throws Exception {
        runawayEndsAndConnectionSurvives("jdbc:nlsql:h2:mem:timeout" + TestDbs.unique(), oneSecond(), RUNAWAY);
    }

    @Test
    void postgresRunawayEnds() throws Exception {
        runawayEndsAndConnectionSurvives("jdbc:nlsql:" + TestDbs.pg(), oneSecond(), RUNAWAY);
    }

    @Test
    void maxRowsApplyUnlessTheCallerSetsItsOwn() throws Exception {
        Path db = TestDbs.chinookCopy();
        Properties p = new Properties();
        p.setProperty("nlsql.maxRows", "10");
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:sqlite:" + db, p); Statement s = c.createStatement()) {
            assertEquals(10, s.getMaxRows());
            assertEquals(10, count(s.executeQuery("SELECT * FROM Track")));
            s.setMaxRows(0);
            assertEquals(3503, count(s.executeQuery("SELECT * FROM Track")));
            PreparedStatement ps = c.prepareStatement("SELECT * FROM Track");
            assertEquals(10, count(ps.executeQuery()));
        }
    }

    @Test
    void maxRowsApplyOnDuckDbWhoseDriverIgnoresSetMaxRows() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.maxRows", "5");
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:duckdb:", p); Statement s = c.createStatement()) {
            assertEquals(5, count(s.executeQuery("SELECT * FROM range(100)")));
            PreparedStatement ps = c.prepareStatement("SELECT * FROM range(100)");
            assertEquals(5, count(ps.executeQuery()));
            s.setMaxRows(0);
            assertEquals(100, count(s.executeQuery("SELECT * FROM range(100)")));
            s.setMaxRows(7);
            assertTrue(s.execute("SELECT * FROM range(100)"));
            assertEquals(7, count(s.getResultSet()));
        }
    }

    static int count(ResultSet rs) throws SQLException {
        int n = 0;
        while (rs.next()) {
            n++;
        }
        rs.close();
        return n;
    }
}
