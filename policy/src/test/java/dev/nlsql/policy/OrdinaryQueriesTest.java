package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary read-only queries still run: each query is executed raw on the engine and, after
 * policing, re-rendered; wherever the raw text runs, the re-rendered SQL must be allowed and give
 * the same rows. Queries from parse_cases.tsv for the engine's dialect plus our own Chinook
 * queries. The few ordinary queries the policy refuses on purpose are listed and checked.
 */
class OrdinaryQueriesTest {

    @TempDir
    Path dir;

    static final List<String> CHINOOK = List.of(
            "SELECT Title FROM Album WHERE AlbumId = 1",
            "SELECT ar.Name, COUNT(*) AS n FROM Album al JOIN Artist ar ON al.ArtistId = ar.ArtistId GROUP BY ar.Name ORDER BY n DESC, ar.Name LIMIT 5",
            "SELECT g.Name, AVG(t.Milliseconds) AS ms FROM Track t JOIN Genre g ON t.GenreId = g.GenreId GROUP BY g.Name ORDER BY ms DESC",
            "WITH big AS (SELECT AlbumId, COUNT(*) AS c FROM Track GROUP BY AlbumId HAVING COUNT(*) > 20) SELECT a.Title, big.c FROM big JOIN Album a ON a.AlbumId = big.AlbumId ORDER BY big.c DESC, a.Title",
            "SELECT BillingCountry, SUM(Total) AS s FROM Invoice GROUP BY BillingCountry ORDER BY s DESC, BillingCountry LIMIT 3",
            "SELECT Name FROM Artist WHERE Name LIKE 'A%' ORDER BY Name",
            "SELECT Name FROM Track WHERE Composer IS NULL ORDER BY TrackId LIMIT 10 OFFSET 5",
            "SELECT AlbumId FROM Album EXCEPT SELECT AlbumId FROM Track",
            "SELECT AlbumId FROM Album WHERE AlbumId < 5 UNION ALL SELECT GenreId FROM Genre WHERE GenreId < 3",
            "SELECT CASE WHEN UnitPrice > 1 THEN 'video' ELSE 'audio' END AS kind, COUNT(*) AS n FROM Track GROUP BY CASE WHEN UnitPrice > 1 THEN 'video' ELSE 'audio' END",
            "SELECT t.Name, ROW_NUMBER() OVER (PARTITION BY t.AlbumId ORDER BY t.Milliseconds DESC) AS rn FROM Track t WHERE t.AlbumId = 1 ORDER BY rn",
            "SELECT COUNT(DISTINCT ArtistId) FROM Album",
            "SELECT UPPER(SUBSTR(Name, 1, 3)), LENGTH(Name) FROM Genre ORDER BY GenreId",
            "SELECT Title FROM Album WHERE ArtistId IN (SELECT ArtistId FROM Artist WHERE Name = 'AC/DC') ORDER BY Title",
            "SELECT Name FROM Genre WHERE EXISTS (SELECT 1 FROM Track WHERE Track.GenreId = Genre.GenreId AND Milliseconds > 2000000) ORDER BY Name",
            "VALUES (1, 'a'), (2, 'b')",
            "SELECT COALESCE(Composer, 'unknown') FROM Track WHERE TrackId < 5 ORDER BY TrackId",
            "SELECT Title FROM Album ORDER BY Title DESC FETCH FIRST 3 ROWS ONLY",
            "SELECT CAST(Total AS INTEGER) FROM Invoice WHERE InvoiceId = 1",
            "SELECT a.Title FROM Album a LEFT JOIN Track t ON t.AlbumId = a.AlbumId WHERE t.TrackId IS NULL ORDER BY a.Title",
            "SELECT MIN(InvoiceDate), MAX(InvoiceDate) FROM Invoice",
            "SELECT Name || ' (' || ArtistId || ')' FROM Artist WHERE ArtistId <= 3 ORDER BY ArtistId",
            "SELECT Title FROM Album WHERE Title <> 'x' AND (AlbumId BETWEEN 3 AND 6 OR AlbumId IN (9, 10)) ORDER BY 1",
            "SELECT 'it''s', 'Café ☕', -1.5e2, 0.25 FROM Genre WHERE GenreId = 1",
            "select /* a comment */ Title from Album -- trailing\n where AlbumId = 2",
            "SELECT x.n FROM (SELECT COUNT(*) AS n FROM Track) x",
            "SELECT AlbumId, MAX(Milliseconds) FROM Track GROUP BY AlbumId HAVING MAX(Milliseconds) > 1000000 ORDER BY 1");

    static final Map<Engine, List<String>> OWN = Map.of(
            Engine.SQLITE, List.of(
                    "SELECT name FROM pragma_table_info('Album') ORDER BY cid",
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                    "SELECT json_extract(j, '$.x') FROM t ORDER BY a",
                    "SELECT strftime('%Y', d), iif(a > 3, 'x', 'y') FROM t ORDER BY a",
                    "SELECT `Title` FROM [Album] WHERE \"AlbumId\" = 3",
                    "SELECT Title FROM Album ORDER BY Title LIMIT 2, 3",
                    "SELECT group_concat(Name, ';') FROM Genre WHERE GenreId < 4",
                    "SELECT * FROM json_each('[1,2,3]')"),
            Engine.DUCKDB, List.of(
                    "SELECT * EXCLUDE (j) FROM t ORDER BY a",
                    "SELECT a, b, ROW_NUMBER() OVER (PARTITION BY b ORDER BY a) AS rn FROM t QUALIFY rn = 1 ORDER BY b",
                    "SELECT Name::VARCHAR FROM Artist ORDER BY ArtistId LIMIT 2",
                    "FROM Album ORDER BY AlbumId LIMIT 2",
                    "SELECT * FROM range(5)",
                    "SELECT list_value(1, 2, 3), [4, 5]",
                    "SELECT b, count(*) FROM t GROUP BY ALL ORDER BY ALL",
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = 'src' ORDER BY 1"),
            Engine.H2, List.of(
                    "SELECT * FROM SYSTEM_RANGE(1, 5)",
                    "SELECT DATEADD(DAY, 1, InvoiceDate) FROM Invoice WHERE InvoiceId = 1",
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1",
                    "SELECT Title FROM Album ORDER BY Title OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY",
                    "SELECT LISTAGG(Name, ',') WITHIN GROUP (ORDER BY Name) FROM Genre WHERE GenreId < 4"),
            Engine.POSTGRESQL, List.of(
                    "SELECT DISTINCT ON (ArtistId) ArtistId, Title FROM Album ORDER BY ArtistId, Title LIMIT 5",
                    "SELECT Name::text FROM Artist ORDER BY ArtistId LIMIT 2",
                    "SELECT * FROM generate_series(1, 3)",
                    "SELECT ARRAY[1, 2]",
                    "SELECT Title FROM Album WHERE Title ILIKE 'a%' ORDER BY Title LIMIT 3",
                    "SELECT date_trunc('month', InvoiceDate) FROM Invoice WHERE InvoiceId = 1",
                    "SELECT count(*) FILTER (WHERE Total > 5) FROM Invoice",
                    "SELECT j::jsonb ->> 'x' FROM t ORDER BY a",
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
                    "SELECT E'a\\tb', $$dollar$$"));

    /** Ordinary queries refused on purpose or unreadable by both parsers, per engine (see README). */
    static final Map<Engine, Set<String>> KNOWN_REFUSED = Map.of(
            Engine.SQLITE, Set.of("sqlite.eqeq", "sqlite.glob", "sqlite.is_not", "sqlite.indexed_by"),
            Engine.DUCKDB, Set.of("duck.from_first", "duck.sample", "duck.trailing_comma", "own.4"),
            Engine.H2, Set.of(),
            Engine.POSTGRESQL, Set.of());

    @Test
    void sqlite() throws Exception {
        run(new SqliteFixture(dir), "sqlite.");
    }

    @Test
    void duckdb() throws Exception {
        run(new DuckDbFixture(dir), "duck.");
    }

    @Test
    void h2() throws Exception {
        run(new H2Fixture(dir), "h2.");
    }

    @Test
    void postgresql() throws Exception {
        run(new PostgresFixture(dir), "pg.");
    }

    private void run(EngineFixture fx, String prefix) throws Exception {
        try (fx) {
            SqlPolicy policy = fx.policy(PolicyMode.READ_ONLY);
            Map<String, String> cases = new TreeMap<>();
            for (Corpora.Case c : Corpora.parseCases()) {
                if (c.id().startsWith(prefix) || c.id().startsWith("adv.")) {
                    cases.put(c.id(), c.sql());
                }
            }
            for (int i = 0; i < CHINOOK.size(); i++) {
                cases.put("chinook." + (i + 1), CHINOOK.get(i));
            }
            List<String> own = OWN.get(fx.engine());
            for (int i = 0; i < own.size(); i++) {
                cases.put("own." + (i + 1), own.get(i));
            }
            int rawOk = 0;
            int same = 0;
            List<String> refused = new ArrayList<>();
            List<String> differ = new ArrayList<>();
            for (Map.Entry<String, String> c : cases.entrySet()) {
                if (isDangerous(c.getValue()) || c.getValue().replaceAll(";\\s*$", "").contains(";")) {
                    continue; // never run writes or stacked text raw against the source
                }
                List<String> raw;
                try {
                    raw = rows(fx.connection(), c.getValue());
                } catch (SQLException e) {
                    continue; // not valid on this engine or schema: nothing to preserve
                }
                rawOk++;
                PolicyDecision d;
                try {
                    d = policy.check(c.getValue());
                } catch (PolicyException e) {
                    refused.add(c.getKey() + " (" + e.rule() + ")");
                    assertTrue(KNOWN_REFUSED.get(fx.engine()).contains(c.getKey()) || isDangerous(c.getValue()),
                            fx.engine() + " refused ordinary query " + c.getKey() + ": " + c.getValue() + " -> " + e.getMessage());
                    continue;
                }
                List<String> rendered;
                try {
                    rendered = rows(fx.connection(), d.sql());
                } catch (SQLException e) {
                    differ.add(c.getKey());
                    throw new AssertionError(fx.engine() + " " + c.getKey() + ": re-rendered SQL fails: " + d.sql()
                            + " (raw: " + c.getValue() + "): " + e.getMessage());
                }
                if (c.getValue().matches("(?is).*(now\\(|random|current_time|clock_).*")) {
                    same++;
                    continue; // volatile: two runs differ anyway
                }
                assertEquals(raw, rendered, fx.engine() + " " + c.getKey() + ": " + c.getValue() + " vs " + d.sql());
                same++;
            }
            // a parameterised query through PreparedStatement keeps its ? markers
            PolicyDecision d = policy.check("SELECT Title FROM Album WHERE AlbumId = ? OR AlbumId = ? ORDER BY 1");
            try (PreparedStatement ps = fx.connection().prepareStatement(d.sql())) {
                ps.setInt(1, 1);
                ps.setInt(2, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        n++;
                    }
                    assertEquals(2, n);
                }
            }
            System.out.printf("[ordinary] %-10s cases=%d raw-ran=%d allowed-same-rows=%d refused=%s%n", fx.engine().id(),
                    cases.size(), rawOk, same, refused);
            assertTrue(same > 20, "too few ordinary queries ran: " + same);
        }
    }

    private static boolean isDangerous(String sql) {
        String u = sql.trim().toUpperCase();
        if (u.matches("(?s).*\\b(INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|TRUNCATE|MERGE|REPLACE|GRANT|ATTACH|COPY|INTO)\\b.*")) {
            return true;
        }
        return u.startsWith("INSERT") || u.startsWith("UPDATE") || u.startsWith("DELETE") || u.startsWith("MERGE")
                || u.startsWith("DROP") || u.startsWith("CREATE") || u.contains(" INTO ") || u.contains("FOR UPDATE")
                || u.contains("LOAD_EXTENSION") || u.contains("NEXT VALUE") || u.contains("SET_CONFIG")
                || u.contains("READ_CSV") || u.contains("FILE_READ") || u.contains("CSVREAD") || u.contains("QUERY(")
                || u.contains("QUERY_TO_XML") || u.contains("PG_READ_FILE") || u.startsWith("EXPLAIN ANALYZE")
                || u.startsWith("PRAGMA") || u.startsWith("CALL") || u.startsWith("SET ") || u.startsWith("COPY")
                || u.contains("'DATA.CSV'") || u.contains("$1") || u.contains("?1") || u.contains(":NAME")
                || u.contains("; DROP") || u.startsWith("ATTACH") || u.startsWith("DETACH") || u.startsWith("VACUUM")
                || u.startsWith("INSTALL") || u.startsWith("LOAD") || u.startsWith("EXEC") || u.startsWith("WAITFOR")
                || u.startsWith("DO ") || u.startsWith("RUNSCRIPT") || u.startsWith("BACKUP") || u.startsWith("RESTORE")
                || u.contains("OPENROWSET") || u.contains("GLOB(") || u.contains("READ_TEXT") || u.startsWith("SCRIPT");
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(10);
            if (!st.execute(sql)) {
                return List.of("update count " + st.getUpdateCount());
            }
            try (ResultSet rs = st.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                int k = 0;
                while (rs.next() && k++ < 1000) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                    out.add(sb.toString());
                }
            }
        }
        if (!sql.toUpperCase().contains("ORDER BY")) {
            out.sort(null);
        }
        return out;
    }
}
