package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same data in SQLite, DuckDB, H2 and PostgreSQL gives the same result digest where types allow. */
class CrossEngineDigestTest {

    private static CanonicalResultDigest run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return CanonicalResultDigest.of(rs);
        }
    }

    @Test
    void chinookTracksDigestTheSameOnFourEngines() throws Exception {
        String cols = "SELECT trackid, name, albumid, genreid, milliseconds, bytes FROM track";
        Map<String, String[]> got = new LinkedHashMap<>();
        try (Connection sq = TestDbs.sqlite(TestDbs.chinook());
             Connection h2 = DriverManager.getConnection("jdbc:h2:mem:");
             Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Connection pg = TestDbs.pg("nlsql")) {
            String schema = TestDbs.pgSchema(pg);
            try {
                TestDbs.copyTrack(sq, h2);
                TestDbs.copyTrack(sq, duck);
                TestDbs.copyTrack(sq, pg);
                Map<String, Connection> engines = new LinkedHashMap<>();
                engines.put("sqlite", sq);
                engines.put("h2", h2);
                engines.put("duckdb", duck);
                engines.put("postgresql", pg);
                for (Map.Entry<String, Connection> e : engines.entrySet()) {
                    CanonicalResultDigest unordered = run(e.getValue(), cols);
                    CanonicalResultDigest ordered = run(e.getValue(), cols + " ORDER BY trackid");
                    assertEquals(3503, unordered.rowCount(), e.getKey());
                    got.put(e.getKey(), new String[] {unordered.unorderedHex(), ordered.orderedHex()});
                }
                String[] ref = got.get("sqlite");
                got.forEach((k, v) -> {
                    assertEquals(ref[0], v[0], "order-insensitive digest on " + k);
                    assertEquals(ref[1], v[1], "ordered digest on " + k);
                });
                // DECIMAL(10,2): exact numerics on H2, DuckDB and PostgreSQL agree; SQLite stores REAL
                String price = "SELECT trackid, unitprice FROM track";
                String h2Price = run(h2, price).unorderedHex();
                assertEquals(h2Price, run(duck, price).unorderedHex());
                assertEquals(h2Price, run(pg, price).unorderedHex());
                assertNotEquals(h2Price, run(sq, "SELECT TrackId, UnitPrice FROM Track").unorderedHex(),
                        "SQLite returns UnitPrice as a double: documented as a type that does not allow equality");
            } finally {
                TestDbs.dropPgSchema(pg, schema);
            }
        }
    }

    @Test
    void datesTimestampsBooleansDoublesAgreeOnH2DuckDbPostgres() throws Exception {
        String ddl = "CREATE TABLE ev (id INTEGER, d DATE, ts TIMESTAMP, ok BOOLEAN, x DOUBLE PRECISION, note VARCHAR(20))";
        String[] rows = {
            "INSERT INTO ev VALUES (1, DATE '2024-02-29', TIMESTAMP '2024-02-29 13:05:07.25', TRUE, 1.5, 'é')",
            "INSERT INTO ev VALUES (2, DATE '1969-12-31', TIMESTAMP '1969-12-31 23:59:59', FALSE, -0.1, NULL)",
            "INSERT INTO ev VALUES (3, NULL, NULL, NULL, NULL, '日本')"};
        String q = "SELECT id, d, ts, ok, x, note FROM ev";
        String ref = null;
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:");
             Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Connection pg = TestDbs.pg("nlsql")) {
            String schema = TestDbs.pgSchema(pg);
            try {
                for (Connection c : new Connection[] {h2, duck, pg}) {
                    try (Statement st = c.createStatement()) {
                        st.execute(ddl);
                        for (String r : rows) {
                            st.execute(r);
                        }
                    }
                    String h = run(c, q).unorderedHex();
                    if (ref == null) {
                        ref = h;
                    }
                    assertEquals(ref, h, c.getMetaData().getDatabaseProductName());
                }
            } finally {
                TestDbs.dropPgSchema(pg, schema);
            }
        }
    }
}
