package dev.nlsql.driver;

import static org.junit.jupiter.api.Assertions.*;

import dev.nlsql.provenance.ProvenanceRecord;
import java.sql.*;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every execution path goes through the pipeline (policed once) and is recorded. */
class PipelineWiringTest {

    String url;

    @BeforeEach
    void setUp() throws Exception {
        RecordingStages.reset();
        url = "jdbc:nlsql:sqlite:" + TestDbs.chinookCopy();
    }

    Connection open() throws SQLException {
        return open(new Properties());
    }

    Connection open(Properties p) throws SQLException {
        p.setProperty("nlsql.stages", RecordingStages.class.getName());
        return DriverManager.getConnection(url, p);
    }

    /** Runs {@code path} and asserts the policy saw {@code sql} exactly once more. */
    void policed(String sql, SqlRunnable path) throws SQLException {
        long before = RecordingStages.POLICED.stream().filter(sql::equals).count();
        try {
            path.run();
        } catch (SQLFeatureNotSupportedException e) {
            // the target (xerial) lacks the column-array variants; the pipeline ran before it
        }
        long after = RecordingStages.POLICED.stream().filter(sql::equals).count();
        assertEquals(before + 1, after, "policed once: " + sql);
    }

    interface SqlRunnable {
        void run() throws SQLException;
    }

    @Test
    void everyExecutionPathIsPoliced() throws Exception {
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch.w(x INTEGER)");
            policed("SELECT 1", () -> s.executeQuery("SELECT 1").close());
            policed("SELECT 2", () -> s.execute("SELECT 2"));
            policed("SELECT 3", () -> s.execute("SELECT 3", Statement.NO_GENERATED_KEYS));
            policed("SELECT 4", () -> s.execute("SELECT 4", new int[] {1}));
            policed("SELECT 5", () -> s.execute("SELECT 5", new String[] {"x"}));
            policed("INSERT INTO scratch.w VALUES (1)", () -> s.executeUpdate("INSERT INTO scratch.w VALUES (1)"));
            policed("INSERT INTO scratch.w VALUES (2)", () -> s.executeUpdate("INSERT INTO scratch.w VALUES (2)", Statement.RETURN_GENERATED_KEYS));
            policed("INSERT INTO scratch.w VALUES (3)", () -> s.executeUpdate("INSERT INTO scratch.w VALUES (3)", new int[] {1}));
            policed("INSERT INTO scratch.w VALUES (4)", () -> s.executeUpdate("INSERT INTO scratch.w VALUES (4)", new String[] {"x"}));
            policed("INSERT INTO scratch.w VALUES (5)", () -> s.executeLargeUpdate("INSERT INTO scratch.w VALUES (5)"));
            policed("INSERT INTO scratch.w VALUES (6)", () -> s.executeLargeUpdate("INSERT INTO scratch.w VALUES (6)", Statement.NO_GENERATED_KEYS));
            policed("INSERT INTO scratch.w VALUES (7)", () -> s.executeLargeUpdate("INSERT INTO scratch.w VALUES (7)", new int[] {1}));
            policed("INSERT INTO scratch.w VALUES (8)", () -> s.executeLargeUpdate("INSERT INTO scratch.w VALUES (8)", new String[] {"x"}));
            policed("INSERT INTO scratch.w VALUES (9)", () -> s.addBatch("INSERT INTO scratch.w VALUES (9)"));
            s.executeBatch();
            policed("INSERT INTO scratch.w VALUES (10)", () -> s.addBatch("INSERT INTO scratch.w VALUES (10)"));
            s.executeLargeBatch();
            policed("SELECT 6", () -> c.prepareStatement("SELECT 6").close());
            policed("SELECT 7", () -> c.prepareStatement("SELECT 7", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY).close());
            policed("SELECT 8", () -> c.prepareStatement("SELECT 8", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                    ResultSet.CLOSE_CURSORS_AT_COMMIT).close());
            policed("SELECT 9", () -> c.prepareStatement("SELECT 9", Statement.RETURN_GENERATED_KEYS).close());
            policed("SELECT 10", () -> c.prepareStatement("SELECT 10", new int[] {1}).close());
            policed("SELECT 11", () -> c.prepareStatement("SELECT 11", new String[] {"x"}).close());
            policed("SELECT 12", () -> c.nativeSQL("SELECT 12"));
            int calls = RecordingStages.CALLS.size();
            assertThrows(SQLException.class, () -> c.prepareCall("{call nosuch()}"), "SQLite has no procedures");
            assertEquals(calls + 1, RecordingStages.CALLS.size(), "prepareCall is policed with checkCall");
        }
    }

    @Test
    void refusalsAreThrownAndRecorded() throws Exception {
        try (Connection c = open(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 'FORBIDDEN'"));
            assertEquals("42501", e.getSQLState());
            assertEquals("42501", assertThrows(SQLException.class, () -> c.prepareStatement("SELECT 'FORBIDDEN' AS x")).getSQLState());
            assertEquals("42501", assertThrows(SQLException.class, () -> s.addBatch("DELETE FROM FORBIDDEN")).getSQLState());
            assertEquals("42501", assertThrows(SQLException.class, () -> c.nativeSQL("SELECT FORBIDDEN")).getSQLState());
            List<ProvenanceRecord> refused = RecordingStages.RECORDS.stream().filter(r -> "refused".equals(r.decision())).toList();
            assertEquals(4, refused.size());
            assertEquals("test.forbidden", refused.get(0).rule());
            assertEquals("SELECT 'FORBIDDEN'", refused.get(0).statement());
            assertEquals("42501", refused.get(0).sqlState());
        }
    }

    @Test
    void questionsAreRecognisedAndRefusedWithoutATranslator() throws Exception {
        try (Connection c = open(); Statement s = c.createStatement()) {
            for (String q : List.of("ASK how many albums are there?", "  ask how many artists", "EXPLAIN ASK top tracks",
                    "explain\n ask x")) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(q), q);
                assertEquals("HY000", e.getSQLState());
                assertTrue(e.getMessage().contains("no translator configured"), e.getMessage());
            }
            PreparedStatement askPs = c.prepareStatement("ASK how many");
            assertNull(askPs.getMetaData(), "unknown before translation");
            assertEquals("HY000", assertThrows(SQLException.class, askPs::executeQuery).getSQLState(),
                    "a prepared question is translated at execution");
            assertTrue(RecordingStages.POLICED.isEmpty(), "a question that cannot be translated never reaches the policy");
            assertEquals(5, RecordingStages.RECORDS.stream().filter(r -> "translate".equals(r.rule())).count());
            // ordinary SQL that merely contains ASK still runs
            try (ResultSet rs = s.executeQuery("SELECT 'ASK me' AS askew")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void recordsCarryRowCountsDigestsAndParameters() throws Exception {
        try (Connection c = open()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ArtistId, Name FROM Artist ORDER BY ArtistId")) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertEquals(275, n);
            }
            ProvenanceRecord full = last();
            assertEquals("allowed", full.decision());
            assertEquals(275, full.rowCount());
            assertTrue(full.complete());
            assertEquals(List.of("ArtistId", "Name"), full.columns().stream().map(ProvenanceRecord.Column::name).toList());
            assertNotNull(full.resultHashOrdered());
            assertTrue(full.targetUrl().startsWith("jdbc:sqlite:"));
            assertEquals(7, java.util.UUID.fromString(full.id()).version(), "time-ordered ids");
            assertEquals(RecordingStages.RECORDS.size(), RecordingStages.RECORDS.stream().map(ProvenanceRecord::id).distinct().count());

            // the same rows read again give the same hash; a partial read is marked incomplete
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ArtistId, Name FROM Artist ORDER BY ArtistId")) {
                while (rs.next()) {
                    // read all
                }
            }
            assertEquals(full.resultHashOrdered(), last().resultHashOrdered());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ArtistId, Name FROM Artist ORDER BY ArtistId")) {
                rs.next();
                rs.next();
            }
            assertEquals(2, last().rowCount());
            assertFalse(last().complete());

            try (PreparedStatement ps = c.prepareStatement("SELECT Title FROM Album WHERE ArtistId = ? AND Title <> ?")) {
                ps.setInt(1, 1);
                ps.setString(2, "none");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // read all
                    }
                }
            }
            ProvenanceRecord p = last();
            assertEquals(2, p.rowCount());
            assertEquals(List.of(new ProvenanceRecord.Parameter(1, "Integer", "1"), new ProvenanceRecord.Parameter(2, "String", "none")),
                    p.parameters());

            // execute() + statement close without fetching: one record, on close
            int before = RecordingStages.RECORDS.size();
            Statement s = c.createStatement();
            assertTrue(s.execute("SELECT 1"));
            assertEquals(before, RecordingStages.RECORDS.size());
            s.close();
            assertEquals(before + 1, RecordingStages.RECORDS.size());

            // an update records its count
            try (Statement u = c.createStatement()) {
                u.execute("CREATE TABLE scratch.u(x)");
                assertEquals(3, u.executeUpdate("INSERT INTO scratch.u VALUES (1), (2), (3)"));
            }
            assertEquals(3, last().rowCount());
            assertTrue(last().scratch());

            // an open result set is recorded when its connection closes
            before = RecordingStages.RECORDS.size();
            ResultSet open = c.createStatement().executeQuery("SELECT * FROM Genre");
            open.next();
        }
        assertEquals(1, last().rowCount());
        assertEquals("SELECT * FROM Genre", last().statement());
    }

    @Test
    void recordingNeverConsumesAnUpdateCountBeforeTheClient() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.stages", RecordingStages.class.getName());
        // DuckDB's driver hands an update count out only once
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:duckdb:", p); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch.t(x INTEGER)");
            assertFalse(s.execute("INSERT INTO scratch.t VALUES (1), (2), (3)"));
            assertEquals(3, s.getUpdateCount());
            assertEquals(3, last().rowCount());
            assertEquals("INSERT INTO scratch.t VALUES (1), (2), (3)", last().statement());
            assertFalse(s.getMoreResults());
            assertEquals(-1, s.getUpdateCount());
            // never read: recorded at close with an unknown count
            assertFalse(s.execute("INSERT INTO scratch.t VALUES (4)"));
        }
        assertEquals(-1, last().rowCount());
        assertEquals("INSERT INTO scratch.t VALUES (4)", last().statement());
    }

    @Test
    void translatedQuestionsRunThroughThePolicyWithBoundParameters() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.stages", TranslatingStages.class.getName());
        try (Connection c = DriverManager.getConnection(url, p)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("ASK what is the name of artist 1")) {
                assertTrue(rs.next());
                assertEquals("AC/DC", rs.getString(1));
                assertSame(s, rs.getStatement());
            }
            assertEquals("SELECT Name FROM Artist WHERE ArtistId = ?", RecordingStages.POLICED.get(RecordingStages.POLICED.size() - 1),
                    "the translation, not the question, is policed");
            ProvenanceRecord r = last();
            assertEquals("ASK what is the name of artist 1", r.statement());
            assertEquals("SELECT Name FROM Artist WHERE ArtistId = ?", r.sql());
            assertEquals("ASK what is the name of artist __NUM_1__", r.question());
            assertEquals("1", r.placeholders().get("__NUM_1__").value());
            assertEquals(1, r.rowCount());

            try (PreparedStatement ps = c.prepareStatement("ASK the name of artist ?")) {
                assertNull(ps.getMetaData());
                ps.setInt(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("Accept", rs.getString(1));
                    assertEquals("Name", ps.getMetaData().getColumnLabel(1), "the translation's metadata once translated");
                }
                assertEquals(List.of(new ProvenanceRecord.Parameter(1, "Integer", "2")), last().parameters());
                ps.setInt(1, 3);
                assertTrue(ps.execute());
                try (ResultSet rs = ps.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals("Aerosmith", rs.getString(1));
                }
                assertEquals("3", last().placeholders().get("__NUM_1__").value());
                assertEquals("42000", assertThrows(SQLException.class, ps::addBatch).getSQLState());
            }
            // EXPLAIN ASK: the translate stage's result comes back; nothing is policed or executed
            int policed = RecordingStages.POLICED.size();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN ASK the name of artist 5")) {
                assertSame(s, rs.getStatement());
                assertEquals("sql", rs.getMetaData().getColumnLabel(1));
                assertEquals(java.sql.Types.DOUBLE, rs.getMetaData().getColumnType(3));
                assertTrue(rs.next());
                assertEquals("SELECT Name FROM Artist WHERE ArtistId = ?", rs.getString("sql"));
                assertEquals("[5]", rs.getString(2));
                assertNull(rs.getObject(3));
                assertFalse(rs.next());
                assertFalse(rs.next(), "next() past the end keeps answering false");
            }
            assertEquals(policed, RecordingStages.POLICED.size());
            assertEquals("explain", last().rule());
            assertEquals(1, last().rowCount());
            try (Statement s = c.createStatement()) {
                assertTrue(s.execute("EXPLAIN ASK the name of artist 6"));
                try (ResultSet rs = s.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals("[6]", rs.getString(2));
                }
                assertEquals("42000", assertThrows(SQLException.class, () -> s.executeUpdate("EXPLAIN ASK the name of artist 6")).getSQLState());
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ASK the name of artist ?")) {
                ps.setInt(1, 7);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("[7]", rs.getString(2));
                }
            }
            // a question whose translation the policy refuses is recorded with the translation
            assertEquals("HY000", assertThrows(SQLException.class, () -> c.createStatement().executeQuery("ASK something else")).getSQLState());
        }
    }

    @Test
    void scratchObjectsAreKnownAtConnectAndAfterScratchWrites() throws Exception {
        try (Connection c = open(); Statement s = c.createStatement()) {
            dev.nlsql.driver.pipeline.ScratchObjects scratch = RecordingStages.SCRATCH;
            assertFalse(scratch.contains("fav"));
            long v = scratch.version();
            s.execute("CREATE TABLE scratch.Fav(x INTEGER)");
            assertTrue(scratch.contains("fav"), "the test policy marks it a scratch write: the set is re-read");
            assertTrue(scratch.contains("FAV"));
            assertTrue(scratch.version() > v);
            s.execute("CREATE VIEW scratch.v AS SELECT * FROM scratch.Fav");
            assertTrue(scratch.contains("v"));
        }
        try (Connection c = open()) {
            assertTrue(RecordingStages.SCRATCH.contains("Fav"), "read from the engine at connect");
        }
    }

    @Test
    void failuresAreRecordedWithTheirState() throws Exception {
        try (Connection c = open(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM NoSuchTable"));
            assertNotNull(last().error());
            assertEquals("allowed", last().decision());
        }
    }

    @Test
    void provenanceDisabledRecordsNothing() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.provenance.enabled", "false");
        try (Connection c = open(p); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM Genre")) {
            while (rs.next()) {
                // read all
            }
        }
        assertTrue(RecordingStages.RECORDS.isEmpty());
        assertFalse(RecordingStages.POLICED.isEmpty(), "still policed");
    }

    static ProvenanceRecord last() {
        List<ProvenanceRecord> r = RecordingStages.RECORDS;
        assertFalse(r.isEmpty());
        return r.get(r.size() - 1);
    }
}
