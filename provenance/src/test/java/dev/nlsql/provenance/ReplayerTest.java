package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {
    @TempDir
    Path tmp;

    /** Runs the query the way the driver would and builds its record. */
    static ProvenanceRecord record(Connection c, String sql, Object... params) throws Exception {
        CanonicalResultDigest d;
        List<ProvenanceRecord.Parameter> ps = new java.util.ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
                ps.add(ParameterCodec.describe(i + 1, params[i]));
            }
            try (ResultSet rs = st.executeQuery()) {
                d = CanonicalResultDigest.of(rs);
            }
        }
        return ProvenanceRecord.builder().statement(sql).sql(sql).parameters(ps)
                .schemaHash(SchemaSnapshotter.snapshot(c, SchemaScope.all()).sha256()).rowCount(d.rowCount())
                .resultHashOrdered(d.orderedHex()).resultHashUnordered(d.unorderedHex()).complete(true).build();
    }

    @Test
    void verifyMatchesThenDetectsAChangedRowInTheSource() throws Exception {
        Path db = TestDbs.chinookCopy(tmp);
        try (Connection c = TestDbs.sqlite(db)) {
            ProvenanceRecord r = record(c, "SELECT t.Name, a.Title FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId"
                    + " WHERE t.GenreId = ? AND t.UnitPrice < ?", 1, new java.math.BigDecimal("1.00"));
            assertTrue(r.rowCount() > 100);
            VerifyReport ok = Replayer.verify(r, c, SchemaScope.all());
            assertTrue(ok.match(), ok.summary());
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE Track SET Name = Name || '!' WHERE TrackId = (SELECT MIN(TrackId) FROM Track WHERE GenreId = 1)");
            }
            VerifyReport bad = Replayer.verify(r, c, SchemaScope.all());
            assertFalse(bad.match());
            assertEquals(r.rowCount(), bad.rowCount(), "same row count: only a value changed");
            assertTrue(bad.differences().stream().anyMatch(s -> s.startsWith("result digest")), bad.summary());
            assertTrue(bad.summary().startsWith("DIFFERS"));
        }
    }

    @Test
    void orderWithoutOrderByIsANoteAndSchemaChangeIsADifference() throws Exception {
        Path db = TestDbs.chinookCopy(tmp);
        try (Connection c = TestDbs.sqlite(db)) {
            ProvenanceRecord r = record(c, "SELECT GenreId, Name FROM Genre");
            ProvenanceRecord shuffled = r.toBuilder().resultHashOrdered("0".repeat(64)).build();
            VerifyReport rep = Replayer.verify(shuffled, c, SchemaScope.all());
            assertTrue(rep.match(), rep.summary());
            assertTrue(rep.notes().stream().anyMatch(n -> n.contains("different order")));

            ProvenanceRecord ordered = record(c, "SELECT GenreId, Name FROM Genre ORDER BY Name");
            VerifyReport rep2 = Replayer.verify(ordered.toBuilder().resultHashOrdered("0".repeat(64)).build(), c, SchemaScope.all());
            assertFalse(rep2.match(), "ORDER BY: the ordered digest must match");

            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE Genre ADD COLUMN Note TEXT");
            }
            VerifyReport rep3 = Replayer.verify(r, c, SchemaScope.all());
            assertFalse(rep3.match());
            assertTrue(rep3.differences().get(0).startsWith("schema hash"), rep3.summary());
        }
    }

    @Test
    void refusedAndWritesAreNotReplayed() throws Exception {
        try (Connection c = TestDbs.sqlite(TestDbs.chinook())) {
            ProvenanceRecord refused = ProvenanceRecord.builder().statement("DROP TABLE Track").decision("refused")
                    .sqlState("42501").build();
            VerifyReport r1 = Replayer.verify(refused, c, SchemaScope.all());
            assertFalse(r1.replayable());
            assertFalse(r1.match());
            ProvenanceRecord write = ProvenanceRecord.builder().sql("DELETE FROM Track").decision("allowed").build();
            assertTrue(Replayer.notReplayable(write).contains("DELETE"));
            assertEquals(null, Replayer.notReplayable(ProvenanceRecord.builder()
                    .sql("/* c */ -- x\n with t as (select 1) select * from t").build()));
        }
    }

    @Test
    void incompleteRecordIsComparedOnItsFirstRows() throws Exception {
        try (Connection c = TestDbs.sqlite(TestDbs.chinook())) {
            String sql = "SELECT TrackId, Name FROM Track ORDER BY TrackId";
            CanonicalResultDigest d = new CanonicalResultDigest();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                for (int i = 0; i < 10 && rs.next(); i++) {
                    d.beginRow();
                    d.add(rs.getObject(1));
                    d.add(rs.getObject(2));
                    d.endRow();
                }
            }
            ProvenanceRecord r = ProvenanceRecord.builder().sql(sql).rowCount(10).complete(false)
                    .resultHashOrdered(d.orderedHex()).resultHashUnordered(d.unorderedHex()).build();
            VerifyReport rep = Replayer.verify(r, c, SchemaScope.all());
            assertTrue(rep.match(), rep.summary());
            assertEquals(10, rep.rowCount());
        }
    }

    @Test
    void parameterCodecRoundTrips() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:");
             PreparedStatement ps = c.prepareStatement("SELECT ?, ?, ?, ?, ?, ?, ?, ?")) {
            Object[] vals = {42L, new java.math.BigDecimal("1.25"), 0.1, true, "é", java.sql.Date.valueOf("2024-02-29"),
                java.sql.Timestamp.valueOf("2024-02-29 10:00:00.5"), null};
            for (int i = 0; i < vals.length; i++) {
                ParameterCodec.bind(ps, ParameterCodec.describe(i + 1, vals[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(42L, ((Number) rs.getObject(1)).longValue());
                assertEquals(0, new java.math.BigDecimal("1.25").compareTo(rs.getBigDecimal(2)));
                assertEquals(0.1, rs.getDouble(3));
                assertTrue(rs.getBoolean(4));
                assertEquals("é", rs.getString(5));
                assertEquals(java.sql.Date.valueOf("2024-02-29"), rs.getDate(6));
                assertEquals(java.sql.Timestamp.valueOf("2024-02-29 10:00:00.5"), rs.getTimestamp(7));
                assertEquals(null, rs.getObject(8));
            }
        }
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> {
            try (Connection c = java.sql.DriverManager.getConnection("jdbc:h2:mem:");
                 PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                ParameterCodec.bind(ps, new ProvenanceRecord.Parameter(1, "INTEGER", "abc"));
            }
        });
        assertEquals("22023", e.getSQLState());
    }
}
