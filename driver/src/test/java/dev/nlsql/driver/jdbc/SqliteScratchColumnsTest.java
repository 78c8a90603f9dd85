package dev.nlsql.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scratch supplement on a raw xerial connection with a database attached as {@code scratch}:
 * a scratch table's getColumns rows equal xerial's rows for the same table in main, for declared
 * types of every branch of xerial's mapping (dimensions, bad dimensions, no type, generated
 * columns the policy would not let a user create through nlsql).
 */
class SqliteScratchColumnsTest {

    static final String DDL = "CREATE TABLE %st(a INTEGER PRIMARY KEY, b int8, c TINYINT, d BOOL, e CHARACTER(20),"
            + " f VARCHAR(255), g NCHAR(55), h TEXT, i CLOB, j BLOB, k, l REAL, m DOUBLE PRECISION, n FLOAT,"
            + " o NUMERIC, p DECIMAL(10,5), q DECIMAL( 7 , 3 ), r DATE, s DATETIME, t VARCHAR(-5), u NUMBER(12),"
            + " v TEXT NOT NULL DEFAULT 'x', w INTEGER DEFAULT (1 + 2), x DECIMAL(5,-1), y VARCHAR(10) COLLATE NOCASE,"
            + " z INT GENERATED ALWAYS AS (a * 2) VIRTUAL, zz TEXT AS (h || 'x') STORED)";

    @Test
    void scratchColumnsEqualXerialsForTheSameTableInMain() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = raw.createStatement()) {
            s.execute("ATTACH DATABASE ':memory:' AS scratch");
            s.execute(String.format(DDL, "main."));
            s.execute(String.format(DDL, "scratch.").replace("scratch.t(", "scratch.u("));
            s.execute("CREATE TABLE scratch.k(id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
            s.execute("CREATE TABLE main.k(id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
            SqliteScratchMetaData md = new SqliteScratchMetaData("scratch");
            List<String> xerial = rows(raw.getMetaData().getColumns(null, null, "t", "%"));
            List<String> ours = rows(md.columns(raw, raw.getMetaData(), null, "scratch", "u", "%"));
            assertEquals(27, xerial.size());
            assertEquals(xerial.stream().map(r -> r.replaceFirst("^null\\|null\\|t\\|", "null|scratch|u|")).toList(), ours);
            assertTrue(ours.get(25).endsWith("|NO|YES"), "generated column: " + ours.get(25));
            List<String> xerialK = rows(raw.getMetaData().getColumns(null, null, "k", "%"));
            List<String> oursK = rows(md.columns(raw, raw.getMetaData(), null, "scratch", "k", "%"));
            assertEquals(xerialK.stream().map(r -> r.replaceFirst("^null\\|null\\|", "null|scratch|")).toList(), oursK);
            assertTrue(oursK.get(0).endsWith("|YES|NO"), "AUTOINCREMENT key: " + oursK.get(0));
        }
    }

    @Test
    void columnTypesFollowXerialsRules() {
        assertEquals(new SqliteColumnType(java.sql.Types.VARCHAR, "NVARCHAR", 160, 0), SqliteColumnType.of("nvarchar(160)"));
        assertEquals(new SqliteColumnType(java.sql.Types.FLOAT, "DECIMAL", 12, 2), SqliteColumnType.of("DECIMAL(10,2)"));
        assertEquals(new SqliteColumnType(java.sql.Types.INTEGER, "INTEGER", SqliteColumnType.NO_SIZE, 0), SqliteColumnType.of("INTEGER"));
        assertEquals(new SqliteColumnType(java.sql.Types.VARCHAR, "", SqliteColumnType.NO_SIZE, 10), SqliteColumnType.of(""));
        assertEquals(new SqliteColumnType(java.sql.Types.VARCHAR, "TEXT", SqliteColumnType.NO_SIZE, 0), SqliteColumnType.of(null));
        assertEquals(new SqliteColumnType(java.sql.Types.VARCHAR, "VARCHAR", SqliteColumnType.NO_SIZE, 0), SqliteColumnType.of("VARCHAR(x)"));
        assertEquals(new SqliteColumnType(java.sql.Types.VARCHAR, "DATE", SqliteColumnType.NO_SIZE, 10), SqliteColumnType.of("date"));
    }

    @Test
    void rowsQueryKeepsLabelsOrderAndAwkwardValues() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            List<Object[]> rows = List.of(new Object[] {"b'q\"", 2, null}, new Object[] {"a", 1L, 1.5},
                    new Object[] {"c", 3, new byte[] {1, 2}});
            try (ResultSet rs = SqliteRowsQuery.of(raw, List.of("N\"AME", "POS", "V"), rows, List.of("POS"))) {
                assertEquals("N\"AME", rs.getMetaData().getColumnLabel(1));
                assertEquals(3, rs.getMetaData().getColumnCount());
                List<String> got = new ArrayList<>();
                while (rs.next()) {
                    got.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getObject(3));
                }
                assertEquals("a|1|1.5", got.get(0));
                assertEquals("b'q\"|2|null", got.get(1));
                assertTrue(got.get(2).startsWith("c|3|[B"), got.get(2));
            }
            try (ResultSet rs = SqliteRowsQuery.of(raw, List.of("X", "Y"), List.of(), List.of("X"))) {
                assertEquals(List.of("X", "Y"), List.of(rs.getMetaData().getColumnLabel(1), rs.getMetaData().getColumnLabel(2)));
                assertEquals(false, rs.next());
            }
        }
    }

    /** Every row of {@code rs} (closed after) as its values' getString joined by {@code |}. */
    static List<String> rows(ResultSet rs) throws SQLException {
        try (rs) {
            int n = rs.getMetaData().getColumnCount();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
            return out;
        }
    }
}
