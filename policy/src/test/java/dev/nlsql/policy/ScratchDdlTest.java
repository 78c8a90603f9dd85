package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scratch DDL beyond plain tables on the real engines (SQLite file, DuckDB, H2, PostgreSQL): DEFAULT
 * literals with doubled quotes, foreign keys between scratch tables, generated columns, SQLite's
 * untyped columns, CREATE/DROP INDEX on scratch tables. Each allowed statement runs on the engine
 * and its object lands in scratch; the unsafe variants (foreign key to a source table, index on a
 * source table or named into the source schema, DROP INDEX of a source index, generated column
 * calling a denied function or holding a subquery) are refused with 42501, and the source's content
 * digest and its index list are unchanged at the end.
 */
class ScratchDdlTest extends OnEachEngine {

    @Override
    void run(EngineFixture fx) throws Exception {
        Engine e = fx.engine();
        String s = fx.scratchSchema();
        String album = fx.src("Album");
        String srcSchema = album.substring(0, album.lastIndexOf('.'));
        String digest0 = fx.digest();
        List<String> sourceIndexes0 = sourceIndexes(fx);
        SqlPolicy p = fx.policy(PolicyMode.READ_ONLY);

        // 1. DEFAULT with a doubled quote
        exec(fx, p, "CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(40) DEFAULT 'O''Brien')");
        exec(fx, p, "INSERT INTO parent (id) VALUES (1)");
        assertEquals(List.of("O'Brien"), fx.names(p.check("SELECT name FROM parent").sql()));

        // 2. foreign keys to scratch tables: column-level (unqualified), table-level (scratch-qualified), self
        exec(fx, p, "CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent(id))");
        exec(fx, p, "CREATE TABLE child2 (pid INTEGER, CONSTRAINT fk2 FOREIGN KEY (pid) REFERENCES "
                + s + ".parent (id))");
        exec(fx, p, "CREATE TABLE tree (id INTEGER PRIMARY KEY, up INTEGER REFERENCES tree(id))");
        exec(fx, p, "INSERT INTO child (id, pid) VALUES (10, 1)");
        exec(fx, p, "INSERT INTO child2 (pid) VALUES (1)");
        if (e == Engine.SQLITE) {
            // SQLite enforces foreign keys only with PRAGMA foreign_keys=ON (a connection setting);
            // the constraint is stored in scratch and names the scratch table
            assertEquals(List.of("parent"), fx.names("SELECT \"table\" FROM pragma_foreign_key_list('child', '"
                    + s + "')"));
        } else {
            assertThrows(SQLException.class, () -> exec(fx, p, "INSERT INTO child (id, pid) VALUES (11, 99)"),
                    "the foreign key is enforced");
        }

        // 3. generated columns, with a function on the allow-list
        String kind = switch (e) {
            case SQLITE, POSTGRESQL -> " STORED";
            default -> "";
        };
        exec(fx, p, "CREATE TABLE gen (a INTEGER, t VARCHAR(10), b INTEGER GENERATED ALWAYS AS (a * 2)" + kind
                + ", u VARCHAR(10) GENERATED ALWAYS AS (upper(t))" + kind + ")");
        exec(fx, p, "INSERT INTO gen (a, t) VALUES (21, 'x')");
        assertEquals(List.of("42|X|"), OrdinaryQueriesTest.rows(fx.connection(),
                p.check("SELECT b, u FROM gen").sql()));

        // 4. columns without a type: SQLite only (the others reject it themselves)
        if (e == Engine.SQLITE) {
            exec(fx, p, "CREATE TABLE loose (a, b)");
            exec(fx, p, "INSERT INTO loose (a, b) VALUES (1, 'one')");
            assertEquals(List.of("1|one|"), OrdinaryQueriesTest.rows(fx.connection(),
                    p.check("SELECT a, b FROM loose").sql()));
        }

        // 5. indexes on scratch tables, in both spellings (SQLite's and the others'), then dropped
        exec(fx, p, "CREATE INDEX " + s + ".ix_child ON child(pid)");
        exec(fx, p, "CREATE INDEX ix_gen ON " + s + ".gen (a DESC, t)");
        exec(fx, p, "CREATE UNIQUE INDEX IF NOT EXISTS ux_parent ON parent(name)");
        List<String> ix = scratchIndexes(fx);
        assertTrue(ix.containsAll(List.of("ix_child", "ix_gen", "ux_parent")), ix.toString());
        assertThrows(SQLException.class, () -> exec(fx, p, "INSERT INTO parent (id) VALUES (2)"),
                "the unique index holds (a second default name)");
        exec(fx, p, "DROP INDEX ix_child");
        exec(fx, p, "DROP INDEX IF EXISTS " + s + ".ix_gen");
        ix = scratchIndexes(fx);
        assertFalse(ix.contains("ix_child") || ix.contains("ix_gen"), ix.toString());
        assertTrue(ix.contains("ux_parent"), ix.toString());

        // 6. unsafe variants: 42501, nothing created
        String denied = switch (e) {
            case SQLITE -> "load_extension(t)";
            case DUCKDB -> "getenv(t)";
            case H2 -> "FILE_READ(t)";
            default -> "pg_read_file(t)";
        };
        String anySourceIndex = sourceIndexes0.isEmpty() ? "pk_album" : sourceIndexes0.get(0);
        List<String> unsafe = new ArrayList<>(List.of(
                "CREATE TABLE bad1 (x INTEGER REFERENCES Album(AlbumId))",
                "CREATE TABLE bad2 (x INTEGER REFERENCES " + album + " (AlbumId))",
                "CREATE TABLE bad3 (x INTEGER, FOREIGN KEY (x) REFERENCES " + album + " (AlbumId))",
                "CREATE TABLE bad4 (x INTEGER, FOREIGN KEY (x) REFERENCES Album (AlbumId))",
                "CREATE TABLE bad7 (x INTEGER REFERENCES parent(id) ON DELETE CASCADE)",
                "CREATE INDEX ix_bad1 ON Album(Title)",
                "CREATE INDEX ix_bad2 ON " + album + " (Title)",
                "CREATE INDEX " + srcSchema + ".ix_bad3 ON child(pid)",
                "CREATE INDEX " + srcSchema + ".ix_bad4 ON " + album + " (Title)",
                "CREATE INDEX ix_bad5 ON " + s + ".child (lower(pid))",
                "DROP INDEX " + srcSchema + "." + anySourceIndex,
                "CREATE TABLE bad5 (t VARCHAR(10), v VARCHAR(10) GENERATED ALWAYS AS (" + denied + ")" + kind + ")",
                "CREATE TABLE bad6 (a INTEGER, v INTEGER GENERATED ALWAYS AS ((SELECT count(*) FROM Album))"
                        + kind + ")"));
        for (String sql : unsafe) {
            PolicyException ex = assertThrows(PolicyException.class, () -> p.check(sql), sql);
            assertEquals("42501", ex.getSQLState(), sql + ": " + ex.getMessage());
        }
        List<String> objects = fx.scratchObjects().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        assertTrue(objects.stream().noneMatch(n -> n.startsWith("bad")), objects.toString());
        assertTrue(scratchIndexes(fx).stream().noneMatch(n -> n.startsWith("ix_bad")));

        assertEquals(sourceIndexes0, sourceIndexes(fx), "source indexes unchanged");
        assertEquals(digest0, fx.digest(), "source unchanged");
    }


    /** Index names (lower case) in the scratch schema, from the engine's catalog. */
    private static List<String> scratchIndexes(EngineFixture fx) throws SQLException {
        String s = fx.scratchSchema();
        List<String> names = switch (fx.engine()) {
            case SQLITE -> fx.names("SELECT name FROM " + s + ".sqlite_master WHERE type = 'index'");
            case DUCKDB -> fx.names("SELECT index_name FROM duckdb_indexes() WHERE database_name = '" + s + "'");
            case H2 -> fx.names("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_SCHEMA = '"
                    + s.toUpperCase(Locale.ROOT) + "'");
            default -> fx.names("SELECT indexname FROM pg_indexes WHERE schemaname = '" + s + "'");
        };
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    /** Index names of the source (everything outside scratch), sorted. */
    private static List<String> sourceIndexes(EngineFixture fx) throws SQLException {
        String album = fx.src("Album");
        String src = album.substring(0, album.indexOf('.'));
        List<String> names = switch (fx.engine()) {
            case SQLITE -> fx.names("SELECT name FROM " + src + ".sqlite_master WHERE type = 'index'");
            case DUCKDB -> fx.names("SELECT index_name FROM duckdb_indexes() WHERE database_name <> '"
                    + fx.scratchSchema() + "'");
            case H2 -> fx.names("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_SCHEMA = '" + src + "'");
            default -> fx.names("SELECT indexname FROM pg_indexes WHERE schemaname = '" + src + "'");
        };
        return names.stream().sorted().toList();
    }
}
