package dev.nlsql.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Scratch DDL through {@code jdbc:nlsql:} with the real policy (default stages): a DEFAULT literal
 * with a doubled quote, a foreign key between scratch tables, a generated column and an index on a
 * scratch table are created, used and (the index) dropped; an index on a source table and a
 * foreign key to one are refused with 42501. SQLite (a Chinook copy; scratch is an attached file,
 * the index name carries the schema) and DuckDB (scratch is an attached database).
 */
class ScratchDdlDriverTest {

    @Test
    void sqliteScratchIndexForeignKeyAndGeneratedColumn() throws Exception {
        Path db = TestDbs.chinookCopy();
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:sqlite:" + db)) {
            EnginesTest.exec(c,
                    "CREATE TABLE fav (id INTEGER PRIMARY KEY, title TEXT DEFAULT 'O''Brien')",
                    "CREATE TABLE favtrack (fid INTEGER REFERENCES fav(id), n INTEGER,"
                            + " n2 INTEGER GENERATED ALWAYS AS (n * 2) STORED)",
                    "CREATE INDEX scratch.ix_favtrack ON favtrack(fid)",
                    "INSERT INTO fav (id) VALUES (1)",
                    "INSERT INTO favtrack (fid, n) VALUES (1, 21)");
            assertEquals(42, EnginesTest.scalar(c, "SELECT n2 FROM favtrack"));
            assertEquals(1, EnginesTest.scalar(c, "SELECT COUNT(*) FROM fav WHERE title = 'O''Brien'"));
            DatabaseMetaData md = c.getMetaData();
            assertTrue(column(md.getIndexInfo(null, "scratch", "favtrack", false, true), "INDEX_NAME")
                    .contains("ix_favtrack"));
            assertEquals(List.of("fav"), column(md.getImportedKeys(null, "scratch", "favtrack"), "PKTABLE_NAME"));

            refused(c, "CREATE INDEX ix_album ON Album(Title)");
            refused(c, "CREATE INDEX main.ix_album ON favtrack(fid)");
            refused(c, "CREATE TABLE bad (x INTEGER REFERENCES Album(AlbumId))");

            EnginesTest.exec(c, "DROP INDEX ix_favtrack");
            assertFalse(column(md.getIndexInfo(null, "scratch", "favtrack", false, true), "INDEX_NAME")
                    .contains("ix_favtrack"));
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals(0, EnginesTest.scalar(raw,
                    "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('fav', 'favtrack', 'ix_album', 'bad')"),
                    "nothing landed in the source file");
        }
    }

    @Test
    void duckdbScratchIndexForeignKeyAndGeneratedColumn() throws Exception {
        Path db = TestDbs.dir().resolve("shop.duckdb");
        try (Connection raw = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            EnginesTest.exec(raw, "CREATE TABLE item(id INTEGER PRIMARY KEY, name VARCHAR)",
                    "INSERT INTO item VALUES (1, 'apple'), (2, 'pear')");
        }
        try (Connection c = DriverManager.getConnection("jdbc:nlsql:duckdb:" + db, EnginesTest.vendor())) {
            EnginesTest.exec(c,
                    "CREATE TABLE basket (id INTEGER PRIMARY KEY, owner VARCHAR DEFAULT 'O''Brien')",
                    "CREATE TABLE line (bid INTEGER REFERENCES basket(id), n INTEGER,"
                            + " n2 INTEGER GENERATED ALWAYS AS (n * 2))",
                    "CREATE INDEX ix_line ON scratch.line(n)",
                    "INSERT INTO basket (id) VALUES (1)",
                    "INSERT INTO line (bid, n) VALUES (1, 21)");
            assertEquals(42, EnginesTest.scalar(c, "SELECT n2 FROM line"));
            assertEquals(1, EnginesTest.scalar(c, "SELECT COUNT(*) FROM basket WHERE owner = 'O''Brien'"));
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.execute("INSERT INTO line (bid, n) VALUES (99, 1)"),
                        "the foreign key is enforced");
            }
            Connection raw = c.unwrap(org.duckdb.DuckDBConnection.class);
            assertEquals(1, EnginesTest.scalar(raw,
                    "SELECT COUNT(*) FROM duckdb_indexes() WHERE database_name = 'scratch' AND index_name = 'ix_line'"));

            refused(c, "CREATE INDEX ix_item ON item(name)");
            refused(c, "CREATE TABLE bad (x INTEGER REFERENCES item(id))");

            EnginesTest.exec(c, "DROP INDEX ix_line");
            assertEquals(0, EnginesTest.scalar(raw, "SELECT COUNT(*) FROM duckdb_indexes() WHERE index_name = 'ix_line'"));
            assertEquals(0, EnginesTest.scalar(raw, "SELECT COUNT(*) FROM duckdb_indexes() WHERE table_name = 'item'"));
        }
    }

    private static void refused(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
            assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
        }
    }

    private static List<String> column(ResultSet rs, String label) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                String v = rs.getString(label);
                out.add(v == null ? null : v.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
