package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SQLite labels an unaliased result column by the expression's source text; the re-rendered
 * statement must give the client the same labels as the caller's text does on the raw driver
 * (both parser paths: Calcite for plain queries, JSqlParser for {@code [x]}, backticks, hex).
 */
class SqliteColumnLabelsTest {

    static final List<String> QUERIES = List.of(
            "SELECT count(*) FROM t",
            "select -rating, typeof(price), group_concat(name, '|'), (a+b), (a)+(b)*2, a, t.b, 1, 'a''b',"
                    + " (SELECT max(a) FROM t) from t",
            "SELECT a\n  +   b,\r\ncount( * ) AS n FROM t UNION SELECT 1, 2 ORDER BY 1",
            "WITH c AS (SELECT 1 AS a) SELECT a*2 FROM c",
            "SELECT \"we\"\"ird\" || 'x', upper(\"we\"\"ird\"), lower( 'A\"' ) FROM t",
            "SELECT CAST(a AS TEXT), CASE WHEN a THEN 1 END, a BETWEEN 1 AND 2, a IN (1,2), coalesce(a, 0) FROM t",
            "SELECT NAME, T.A, \"b\" FROM t AS T",
            "SELECT a /* c */ + 1, b  -- x\n FROM t",
            "SELECT DISTINCT a+1, ? + 1 FROM t",
            "SELECT *, t.* FROM t",
            "SELECT 1.50, 1e3, NULL, TRUE, x'AB', CURRENT_DATE = CURRENT_DATE FROM t",
            "SELECT\ta\t+\tb, abs( -a ) FROM t WHERE a > 0",
            // JSqlParser's path
            "SELECT count( * ), a+1, -rating, typeof(`price`) FROM [t]",
            "SELECT a+b, [name] || 'x', 0x1F + a FROM `t`",
            "SELECT\ta\t+\tb, upper(\"we\"\"ird\") FROM [t]",
            "WITH q AS (SELECT 1 AS a) SELECT a+1 FROM `q` UNION SELECT 2",
            "SELECT (a+1)\t, [a], `t`.* FROM t");

    @Test
    void labelsEqualTheRawDriversOnSqlite() throws Exception {
        SqlPolicy p = SqlPolicy.forEngine(Engine.SQLITE);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (a INTEGER, b INTEGER, rating INTEGER, price REAL, name TEXT, \"we\"\"ird\" TEXT)");
            st.execute("INSERT INTO t VALUES (1, 2, 3, 4.5, 'x', 'y')");
            int aliased = 0;
            for (String q : QUERIES) {
                String rendered = p.check(q).sql();
                assertEquals(labels(c, q), labels(c, rendered), q + "\n -> " + rendered);
                if (rendered.contains(" AS \"")) {
                    aliased++;
                }
            }
            assertTrue(aliased >= 10, "most of these need an alias to keep their label: " + aliased);
        }
    }

    @Test
    void onlySqliteGetsSourceTextAliases() throws Exception {
        for (Engine e : List.of(Engine.DUCKDB, Engine.H2, Engine.POSTGRESQL)) {
            String r = SqlPolicy.forEngine(e).check("SELECT count(*), a+1 FROM t").sql();
            assertFalse(r.contains("AS \""), e + ": " + r);
        }
        assertEquals("SELECT COUNT(*) AS \"count(*)\", a + 1 AS \"a+1\" FROM t",
                SqlPolicy.forEngine(Engine.SQLITE).check("SELECT count(*), a+1 FROM t").sql());
        // the source text is data inside a quoted identifier: comments and separators in it stay inert
        String r = SqlPolicy.forEngine(Engine.SQLITE).check("SELECT a /* x; DROP TABLE t */ + 1 FROM t").sql();
        assertEquals("SELECT a + 1 AS \"a /* x; DROP TABLE t */ + 1\" FROM t", r);
    }

    private static String labels(Connection c, String sql) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            if (ps.getParameterMetaData().getParameterCount() > 0) {
                ps.setInt(1, 7);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData m = rs.getMetaData();
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    out.add(m.getColumnLabel(i));
                }
                return out.toString();
            }
        }
    }
}
