package dev.nlsql.tck;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordinary read-only queries written the way people write them (no column aliases, mixed-case
 * identifiers, the engine's own syntax and functions), added to the read-only pass: nlsql
 * re-renders every statement from its parse tree, and these check that the re-rendered SQL
 * gives the same rows and the same result column labels as the caller's text.
 */
final class ReadOnlyDialectCases {

    private ReadOnlyDialectCases() {
    }

    static List<ConformanceCase> forEngine(Engine engine) {
        List<String> sql = new ArrayList<>(List.of(
                "SELECT COUNT(*), MAX(price), MIN(title) FROM album",
                "SELECT name, UPPER(name), LENGTH(name) FROM artist ORDER BY artist_id",
                "SELECT album_id + 1, price * 2, -rating FROM album ORDER BY album_id",
                "select Name, ARTIST_ID from Artist where Artist_Id = 1",
                "SELECT a.name AS \"Quoted Label\", a.country AS \"x\" FROM artist a ORDER BY 1",
                "SELECT DISTINCT country FROM artist ORDER BY country",
                "SELECT CASE WHEN price > 10 THEN 'hi' ELSE 'lo' END FROM album ORDER BY album_id",
                "SELECT * FROM album_view ORDER BY album_id",
                "SELECT name FROM artist ORDER BY artist_id LIMIT 2 OFFSET 1",
                "SELECT COALESCE(country, '?'), NULLIF(artist_id, 1) FROM artist ORDER BY artist_id",
                "SELECT 1 UNION SELECT 2 ORDER BY 1",
                "SELECT artist_id, COUNT(*) FROM album GROUP BY artist_id HAVING COUNT(*) > 1 ORDER BY 1",
                engine == Engine.SQLITE // SQLite has no DATE literal; its dates are text
                        ? "SELECT title, released FROM album WHERE released BETWEEN '1980-01-01' AND '1999-12-31' ORDER BY released"
                        : "SELECT title, released FROM album WHERE released BETWEEN DATE '1980-01-01' AND DATE '1999-12-31' ORDER BY released",
                "SELECT name FROM artist WHERE name LIKE 'B%' OR country IN ('USA', 'Iceland') ORDER BY name",
                "SELECT al.title, ar.name FROM album al, artist ar WHERE al.artist_id = ar.artist_id AND ar.artist_id = 4 ORDER BY 1",
                "SELECT title, ROW_NUMBER() OVER (ORDER BY album_id DESC) FROM album ORDER BY album_id",
                "SELECT CAST(price AS VARCHAR(10)), 'it''s' FROM album WHERE album_id = 1",
                "SELECT * FROM (SELECT artist_id, name FROM artist) t WHERE t.artist_id < 3 ORDER BY t.artist_id"));
        switch (engine) {
            case SQLITE -> sql.addAll(List.of(
                    "SELECT name, type, pk FROM pragma_table_info('artist') ORDER BY cid",
                    "SELECT typeof(price), typeof(plays), ifnull(country, 'none') FROM album JOIN artist USING (artist_id) ORDER BY album_id",
                    "SELECT group_concat(name, '|') FROM (SELECT name FROM artist ORDER BY artist_id)",
                    "SELECT strftime('%Y', released), substr(title, 1, 4), instr(title, 'a') FROM album ORDER BY album_id",
                    "SELECT [name], `country` FROM artist WHERE rowid = 2",
                    "SELECT name FROM artist WHERE name GLOB '*r*' ORDER BY 1"));
            case DUCKDB -> sql.addAll(List.of(
                    "SELECT list_value(1, 2, 3), [4, 5], {'a': 1}",
                    "SELECT name, country FROM artist ORDER BY artist_id LIMIT 2",
                    "SELECT string_agg(name, '|' ORDER BY artist_id) FROM artist",
                    "FROM artist SELECT name WHERE artist_id = 3",
                    "SELECT title::VARCHAR, price::DOUBLE FROM album WHERE album_id = 2",
                    "SELECT * EXCLUDE (cover) FROM album ORDER BY album_id",
                    "SELECT name FROM artist WHERE name ILIKE 'b%'"));
            case H2 -> sql.addAll(List.of(
                    "SELECT name FROM artist ORDER BY artist_id FETCH FIRST 2 ROWS ONLY",
                    "SELECT LISTAGG(name, '|') WITHIN GROUP (ORDER BY artist_id) FROM artist",
                    "SELECT TOP 2 name FROM artist ORDER BY artist_id",
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1",
                    "SELECT X FROM SYSTEM_RANGE(1, 3)",
                    "SELECT name FROM artist WHERE name ILIKE 'b%'"));
            case POSTGRESQL -> sql.addAll(List.of(
                    "SELECT name::text, price::numeric(10,1), 'a' || 'b' FROM artist JOIN album USING (artist_id) ORDER BY album_id",
                    "SELECT string_agg(name, '|' ORDER BY artist_id) FROM artist",
                    "SELECT name FROM artist WHERE name ILIKE 'b%'",
                    "SELECT DISTINCT ON (artist_id) artist_id, title FROM album ORDER BY artist_id, album_id",
                    "SELECT generate_series(1, 3)",
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
                    "SELECT extract(year FROM released), date_trunc('month', added_at) FROM album ORDER BY album_id",
                    "SELECT name FROM artist ORDER BY artist_id FETCH FIRST 2 ROWS ONLY"));
            default -> throw new IllegalArgumentException(engine.toString());
        }
        List<ConformanceCase> cases = new ArrayList<>();
        for (int i = 0; i < sql.size(); i++) {
            String q = sql.get(i);
            cases.add(new ConformanceCase(String.format("dialect_%02d", i + 1), s -> ConformanceCases.query(s, q),
                    (a, db) -> org.junit.jupiter.api.Assertions.assertFalse(a.startsWith("!"), () -> q + " failed raw: " + a)));
        }
        return cases;
    }
}
