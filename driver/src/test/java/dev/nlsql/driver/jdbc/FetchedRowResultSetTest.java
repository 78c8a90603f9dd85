package dev.nlsql.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.driver.TestDbs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The getters nlsql answers from the values fetched for the result digest give exactly what the
 * target driver gives: every getter on every column of every row, by index and by label, with
 * {@code wasNull()} after each, raw driver and nlsql side by side on the same database.
 */
class FetchedRowResultSetTest {

    /** One getter: how it is called and its name for messages. */
    private record Getter(String name, SqlFunction call) {}

    @FunctionalInterface
    private interface SqlFunction {
        Object apply(ResultSet rs, int column, String label) throws SQLException;
    }

    private static final List<Getter> GETTERS = List.of(
            new Getter("getObject", (rs, i, l) -> rs.getObject(i)),
            new Getter("getString", (rs, i, l) -> rs.getString(i)),
            new Getter("getInt", (rs, i, l) -> rs.getInt(i)),
            new Getter("getTimestamp", (rs, i, l) -> rs.getTimestamp(i)),
            new Getter("getLong", (rs, i, l) -> rs.getLong(i)),
            new Getter("getDouble", (rs, i, l) -> rs.getDouble(i)),
            new Getter("getBytes", (rs, i, l) -> rs.getBytes(i)),
            new Getter("getBoolean", (rs, i, l) -> rs.getBoolean(i)),
            new Getter("getBigDecimal", (rs, i, l) -> rs.getBigDecimal(i)),
            new Getter("getShort", (rs, i, l) -> rs.getShort(i)),
            new Getter("getFloat", (rs, i, l) -> rs.getFloat(i)),
            new Getter("getObject(String.class)", (rs, i, l) -> rs.getObject(i, String.class)),
            new Getter("getObject(Integer.class)", (rs, i, l) -> rs.getObject(i, Integer.class)),
            new Getter("getObject(Long.class)", (rs, i, l) -> rs.getObject(i, Long.class)),
            new Getter("getObject(label)", (rs, i, l) -> rs.getObject(l)),
            new Getter("getString(label)", (rs, i, l) -> rs.getString(l)),
            new Getter("getInt(label)", (rs, i, l) -> rs.getInt(l)),
            new Getter("getLong(label)", (rs, i, l) -> rs.getLong(l)),
            new Getter("getDouble(label)", (rs, i, l) -> rs.getDouble(l)),
            new Getter("getBigDecimal(label)", (rs, i, l) -> rs.getBigDecimal(l)),
            new Getter("getDate(label)", (rs, i, l) -> rs.getDate(l)));

    @Test
    void sqliteGettersMatchTheRawDriver() throws Exception {
        Path db = TestDbs.dir().resolve("mixed.sqlite");
        String raw = "jdbc:sqlite:" + db;
        try (Connection c = DriverManager.getConnection(raw); Statement s = c.createStatement()) {
            // SQLite keeps a storage class per value: the same column holds integers, reals, text, blobs and NULL
            s.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, a INTEGER, b REAL, t TEXT, x, d TEXT)");
            s.execute("INSERT INTO m VALUES (1, 42, 1.5, 'forty-two', 7, '2024-02-29')");
            s.execute("INSERT INTO m VALUES (2, NULL, NULL, NULL, NULL, NULL)");
            s.execute("INSERT INTO m VALUES (3, 5000000000, -0.0, '12', 'text', '2024-02-29 10:11:12')");
            s.execute("INSERT INTO m VALUES (4, 'not a number', 3, 'é ü 日本', x'0102ff', 'not a date')");
            s.execute("INSERT INTO m VALUES (5, -7, 1e300, '', 2.25, '')");
        }
        compare(raw, "jdbc:nlsql:sqlite:" + db, "SELECT id, a, b, t, x, d FROM m ORDER BY id", 5);
        // answered from the one fetch: the same String instance twice (the raw driver decodes it anew per call)
        try (Connection nl = DriverManager.getConnection("jdbc:nlsql:sqlite:" + db); Statement s = nl.createStatement();
                ResultSet rs = s.executeQuery("SELECT t FROM m WHERE id = 1")) {
            assertTrue(rs.next());
            assertSame(rs.getObject(1), rs.getString("t"));
        }
    }

    @Test
    void h2GettersMatchTheRawDriver() throws Exception {
        Path db = TestDbs.dir().resolve("typed");
        String raw = "jdbc:h2:" + db;
        try (Connection c = DriverManager.getConnection(raw); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, i INTEGER, g BIGINT, sm SMALLINT, dbl DOUBLE PRECISION,"
                    + " r REAL, dec DECIMAL(12,3), v VARCHAR(40), bo BOOLEAN, dt DATE, ts TIMESTAMP, bin VARBINARY(8), u UUID)");
            s.execute("INSERT INTO m VALUES (1, 42, 5000000000, 7, 1.5, 2.25, 12.500, '3', TRUE, DATE '2024-02-29',"
                    + " TIMESTAMP '2024-02-29 10:11:12.5', X'0102', '123e4567-e89b-12d3-a456-426614174000')");
            s.execute("INSERT INTO m VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
            s.execute("INSERT INTO m VALUES (3, -1, -9, 0, -0.0, 0.1, -0.001, 'true', FALSE, DATE '1970-01-01',"
                    + " TIMESTAMP '1969-12-31 23:59:59', X'', '00000000-0000-0000-0000-000000000000')");
        }
        compare(raw, "jdbc:nlsql:h2:" + db, "SELECT * FROM m ORDER BY id", 3);
    }

    @Test
    void duckdbGettersMatchTheRawDriver() throws Exception {
        // DuckDB answers getDouble on NULL with NaN: SQL NULL read by a primitive getter is never answered by nlsql
        Path db = TestDbs.dir().resolve("typed.duckdb");
        String raw = "jdbc:duckdb:" + db;
        try (Connection c = DriverManager.getConnection(raw); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, i INTEGER, g BIGINT, dbl DOUBLE, dec DECIMAL(12,3),"
                    + " v VARCHAR, bo BOOLEAN, dt DATE, bin BLOB)");
            s.execute("INSERT INTO m VALUES (1, 42, 5000000000, 1.5, 12.500, '3', TRUE, DATE '2024-02-29', '\\x01\\x02'::BLOB)");
            s.execute("INSERT INTO m VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        }
        compare(raw, "jdbc:nlsql:duckdb:" + db, "SELECT * FROM m ORDER BY id", 2);
    }

    private static void compare(String rawUrl, String nlsqlUrl, String sql, int rows) throws SQLException {
        Properties p = new Properties();
        p.setProperty("nlsql.policy.mode", "audit");
        try (Connection raw = DriverManager.getConnection(rawUrl); Connection nl = DriverManager.getConnection(nlsqlUrl, p);
                Statement rs1 = raw.createStatement(); Statement rs2 = nl.createStatement();
                ResultSet a = rs1.executeQuery(sql); ResultSet b = rs2.executeQuery(sql)) {
            assertTrue(b.isWrapperFor(ResultSet.class));
            int n = a.getMetaData().getColumnCount();
            int read = 0;
            List<String> served = new ArrayList<>();
            while (a.next()) {
                assertTrue(b.next());
                read++;
                for (int i = 1; i <= n; i++) {
                    String label = a.getMetaData().getColumnLabel(i);
                    for (Getter g : GETTERS) {
                        String what = "row " + read + " column " + label + " " + g.name();
                        Object x = outcome(a, g, i, label);
                        Object y = outcome(b, g, i, label);
                        assertEquals(describe(x), describe(y), what);
                        if (!(x instanceof SQLException)) {
                            assertEquals(a.wasNull(), b.wasNull(), what + " then wasNull()");
                            served.add(what);
                        }
                    }
                }
            }
            assertEquals(rows, read);
            assertEquals(false, b.next());
            assertTrue(served.size() > rows * n, "getters compared: " + served.size());
        }
    }

    private static Object outcome(ResultSet rs, Getter g, int i, String label) {
        try {
            return g.call().apply(rs, i, label);
        } catch (SQLException | RuntimeException e) {
            return e instanceof SQLException s ? s : new SQLException(e);
        }
    }

    /** Values compared by content and class (an Integer 3 is not a Long 3); any error equals any error. */
    private static String describe(Object v) {
        if (v instanceof SQLException) {
            return "error";
        }
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return "byte[]" + Arrays.toString(b);
        }
        if (v instanceof BigDecimal d) {
            return "BigDecimal " + d.toPlainString();
        }
        return v.getClass().getName() + " " + Objects.toString(v);
    }
}
