package dev.nlsql.driver;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DatabaseMetaData on SQLite with the scratch database attached: getSchemas lists main and
 * scratch, getTables and getColumns list scratch objects beside the source's (a Chinook copy),
 * with JDBC's labels, order and pattern rules; without scratch (audit, strict with none yet)
 * the answers are xerial's own.
 */
class SqliteScratchMetaDataTest {

    static final List<String> TABLE_LABELS = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS",
            "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
    static final List<String> COLUMN_LABELS = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
            "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS",
            "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE",
            "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");

    /** Scratch objects the tests create, each also created in a plain SQLite database to compare with xerial. */
    static final List<String> DDL = List.of(
            "CREATE TABLE %sitem(id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(20) NOT NULL DEFAULT 'ab',"
                    + " price DECIMAL(10,2), note DATETIME, flag BOOLEAN, ratio DOUBLE)",
            "CREATE TABLE %s\"a_b\"(x TEXT)",
            "CREATE TABLE %saxb(y NVARCHAR(5))",
            "CREATE VIEW %sitem_view AS SELECT id, name FROM item");

    Path db;
    String url;

    @BeforeEach
    void copy() throws Exception {
        db = TestDbs.chinookCopy();
        url = "jdbc:nlsql:sqlite:" + db;
    }

    private void createScratchObjects(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(String.format(ddl, "scratch."));
            }
        }
    }

    @Test
    void schemasListMainAndScratch() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getSchemas()) {
                assertEquals(List.of("TABLE_SCHEM", "TABLE_CATALOG"), labels(rs));
                assertEquals(List.of("main|null", "scratch|null"), rows(rs, 2));
            }
            assertEquals(List.of("scratch|null"), rowsOf(md.getSchemas(null, "scr%"), 2));
            assertEquals(List.of("main|null"), rowsOf(md.getSchemas(null, "MAIN"), 2), "LIKE: ASCII case-insensitive");
            assertEquals(List.of("main|null", "scratch|null"), rowsOf(md.getSchemas(null, null), 2));
            assertEquals(List.of(), rowsOf(md.getSchemas(null, ""), 2));
        }
    }

    @Test
    void tablesListScratchObjectsBesideTheSource() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            createScratchObjects(c);
            DatabaseMetaData md = c.getMetaData();
            List<String[]> all = tableRows(md.getTables(null, null, "%", null));
            List<String> names = all.stream().map(r -> r[1] + "." + r[2] + ":" + r[3]).toList();
            assertTrue(names.contains("null.Album:TABLE"), names.toString());
            assertTrue(names.contains("null.sqlite_schema:SYSTEM TABLE"), names.toString());
            assertTrue(names.contains("scratch.item:TABLE"), names.toString());
            assertTrue(names.contains("scratch.item_view:VIEW"), names.toString());
            assertTrue(names.contains("scratch.sqlite_sequence:SYSTEM TABLE"), "AUTOINCREMENT's table: " + names);
            assertEquals(11 + 4, all.stream().filter(r -> !r[3].equals("SYSTEM TABLE")).count(), names.toString());
            // sorted by TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME (nulls first)
            Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
            List<String[]> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.<String[], String>comparing(r -> r[3], nullsFirst).thenComparing(r -> r[0], nullsFirst)
                    .thenComparing(r -> r[1], nullsFirst).thenComparing(r -> r[2], nullsFirst));
            assertEquals(sorted.stream().map(r -> String.join("|", Objects.toString(r[1]), r[2])).toList(),
                    all.stream().map(r -> String.join("|", Objects.toString(r[1]), r[2])).toList());
            try (ResultSet rs = md.getTables(null, "%", "%", new String[] {"TABLE"})) {
                assertEquals(TABLE_LABELS, labels(rs));
            }

            assertEquals(List.of("scratch.a_b", "scratch.axb", "scratch.item", "scratch.item_view"),
                    qualified(md.getTables(null, "scratch", "%", new String[] {"TABLE", "VIEW"})));
            assertEquals(List.of("scratch.item_view"), qualified(md.getTables(null, "scratch", "%", new String[] {"view"})));
            List<String> mainOnly = qualified(md.getTables(null, "main", "%", new String[] {"TABLE"}));
            assertEquals(11, mainOnly.size(), mainOnly.toString());
            assertTrue(mainOnly.stream().allMatch(n -> n.startsWith("null.")), mainOnly.toString());
            assertEquals(mainOnly, qualified(md.getTables(null, "", "%", new String[] {"TABLE"})), "\"\": without a schema");
            assertEquals(List.of(), qualified(md.getTables(null, "nosuch", "%", null)));
            // patterns: _ is one character, \_ a literal underscore, % any run
            assertEquals(List.of("scratch.a_b", "scratch.axb"), qualified(md.getTables(null, "scratch", "a_b", null)));
            assertEquals(List.of("scratch.a_b"), qualified(md.getTables(null, "scr_tch", "a\\_b", null)));
            assertEquals(List.of("null.Album", "null.Artist", "scratch.a_b", "scratch.axb"),
                    qualified(md.getTables(null, null, "A%", new String[] {"TABLE"})));
        }
    }

    @Test
    void columnsOfScratchTablesReadAsXerialReadsTheSameTableInMain() throws Exception {
        List<String> expected;
        Path plain = TestDbs.dir().resolve("plain.sqlite");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + plain); Statement s = raw.createStatement()) {
            for (String ddl : DDL) {
                s.execute(String.format(ddl, ""));
            }
            try (ResultSet rs = raw.getMetaData().getColumns(null, null, "item%", "%")) {
                expected = rows(rs, COLUMN_LABELS.size());
            }
        }
        assertEquals(8, expected.size(), expected.toString());
        try (Connection c = DriverManager.getConnection(url)) {
            createScratchObjects(c);
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getColumns(null, "scratch", "item%", "%")) {
                assertEquals(COLUMN_LABELS, labels(rs));
                List<String> actual = rows(rs, COLUMN_LABELS.size());
                assertEquals(expected.stream().map(r -> r.replaceFirst("^null\\|null\\|", "null|scratch|")).toList(), actual);
                assertTrue(actual.get(0).startsWith("null|scratch|item|id|4|INTEGER|2000000000|"), actual.get(0));
            }
            // types, order and attributes read by label
            try (ResultSet rs = md.getColumns(null, "scratch", "item", null)) {
                List<String> cols = new ArrayList<>();
                while (rs.next()) {
                    cols.add(rs.getInt("ORDINAL_POSITION") + ":" + rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE")
                            + ":" + rs.getString("TYPE_NAME") + ":" + rs.getInt("COLUMN_SIZE") + ":" + rs.getInt("DECIMAL_DIGITS")
                            + ":" + rs.getString("IS_NULLABLE") + ":" + rs.getString("COLUMN_DEF")
                            + ":" + rs.getString("IS_AUTOINCREMENT") + ":" + rs.getString("IS_GENERATEDCOLUMN"));
                }
                assertEquals(List.of("1:id:4:INTEGER:2000000000:0:YES:null:YES:NO",
                        "2:name:12:VARCHAR:20:0:NO:'ab':NO:NO",
                        "3:price:6:DECIMAL:12:2:YES:null:NO:NO",
                        "4:note:12:DATETIME:2000000000:10:YES:null:NO:NO",
                        "5:flag:4:BOOLEAN:2000000000:0:YES:null:NO:NO",
                        "6:ratio:6:DOUBLE:2000000000:10:YES:null:NO:NO"), cols);
            }
            // column pattern; positions stay the table's
            assertEquals(List.of("scratch.item.name@2", "scratch.item.note@4"), columnNames(md.getColumns(null, null, "item", "n%")));
            // the source's columns with a null schema, then scratch's; main selected by "main" only
            List<String> both = columnNames(md.getColumns(null, null, "A%", "%"));
            assertEquals(List.of("null.Album.AlbumId@1", "null.Album.Title@2", "null.Album.ArtistId@3",
                    "null.Artist.ArtistId@1", "null.Artist.Name@2", "scratch.a_b.x@1", "scratch.axb.y@1"), both);
            assertEquals(both.subList(0, 5), columnNames(md.getColumns(null, "main", "A%", "%")));
            assertEquals(both.subList(5, 7), columnNames(md.getColumns(null, "scratch", "A%", "%")));
            assertEquals(List.of("scratch.a_b.x@1"), columnNames(md.getColumns(null, "%", "a\\_b", "%")));
            assertEquals(List.of(), columnNames(md.getColumns(null, "nosuch", "%", "%")));
        }
    }

    @Test
    void primaryKeysOfScratchTablesMatchXerialsForMain() throws Exception {
        String ddl = "CREATE TABLE %spair(k2 TEXT, k1 INTEGER, v TEXT, PRIMARY KEY (k1, k2))";
        List<String> expected;
        Path plain = TestDbs.dir().resolve("plain.sqlite");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + plain); Statement s = raw.createStatement()) {
            s.execute(String.format(ddl, ""));
            expected = rowsOf(raw.getMetaData().getPrimaryKeys(null, null, "pair"), 6);
        }
        assertEquals(List.of("null|null|pair|k1|1|null", "null|null|pair|k2|2|null"), expected);
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute(String.format(ddl, "scratch."));
            }
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getPrimaryKeys(null, "scratch", "pair")) {
                assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"), labels(rs));
                assertEquals(expected.stream().map(r -> r.replaceFirst("^null\\|null\\|", "null|scratch|")).toList(), rows(rs, 6));
            }
            assertEquals(List.of(), rowsOf(md.getPrimaryKeys(null, "scratch", "nosuch"), 6));
            // the source's keys stay xerial's
            assertEquals(List.of("null|null|Album|AlbumId|1|PK_Album"), rowsOf(md.getPrimaryKeys(null, null, "Album"), 6));
        }
    }

    @Test
    void keysAndIndexesOfAScratchTableNamedLikeASourceTableAreTheScratchTables() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scratch.Album AS SELECT AlbumId, Title FROM Album WHERE AlbumId < 5");
                // keys with ON DELETE/UPDATE actions and named constraints are covered on raw connections (jdbc.SqliteScratchKeysTest)
                s.execute("CREATE TABLE scratch.fav(id INTEGER PRIMARY KEY, code TEXT UNIQUE)");
            }
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("null.Album", "scratch.Album"), qualified(md.getTables(null, null, "Album", null)));
            assertEquals(List.of("scratch.Album.AlbumId@1", "scratch.Album.Title@2"),
                    columnNames(md.getColumns(null, "scratch", "Album", "%")));
            assertEquals(List.of(), rowsOf(md.getPrimaryKeys(null, "scratch", "Album"), 6), "a CREATE TABLE AS copy has no key");
            assertEquals(List.of(), rowsOf(md.getIndexInfo(null, "scratch", "Album", false, true), 13));
            assertEquals(1, rowsOf(md.getPrimaryKeys(null, null, "Album"), 6).size(), "the source's key, from xerial");
            assertEquals(List.of("null|scratch|fav|0|null|sqlite_autoindex_fav_1|3|1|code|null|0|0|null"),
                    rowsOf(md.getIndexInfo(null, "scratch", "fav", false, true), 13));
            assertEquals(List.of(), rowsOf(md.getImportedKeys(null, "scratch", "fav"), 14));
            assertEquals(List.of(), rowsOf(md.getExportedKeys(null, "scratch", "Album"), 14), "xerial: Table not found");
            assertEquals(1, rowsOf(md.getExportedKeys(null, null, "Album"), 14).size(), "the source's, from xerial");
            assertEquals(List.of("null|scratch|fav|id|1|null"), rowsOf(md.getPrimaryKeys(null, "SCRATCH", "fav"), 6));
        }
    }

    @Test
    void metadataReadsAreNeitherPolicedNorRecorded() throws Exception {
        RecordingStages.reset();
        Properties p = new Properties();
        p.setProperty("nlsql.stages", RecordingStages.class.getName());
        try (Connection c = DriverManager.getConnection(url, p)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scratch.t(x INTEGER PRIMARY KEY)");
            }
            int policed = RecordingStages.POLICED.size();
            int records = RecordingStages.RECORDS.size();
            assertTrue(policed > 0 && records > 0, "the CREATE TABLE was policed and recorded");
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("main|null", "scratch|null"), rowsOf(md.getSchemas(), 2));
            assertEquals(List.of("scratch.t"), qualified(md.getTables(null, "scratch", "%", null)));
            assertEquals(List.of("scratch.t.x@1"), columnNames(md.getColumns(null, "scratch", "t", "%")));
            assertEquals(1, rowsOf(md.getPrimaryKeys(null, "scratch", "t"), 6).size());
            assertEquals(0, rowsOf(md.getExportedKeys(null, "scratch", "t"), 14).size());
            assertEquals(policed, RecordingStages.POLICED.size(), "metadata reads pass no policy");
            assertEquals(records, RecordingStages.RECORDS.size(), "metadata reads leave no provenance record");
        }
    }

    @Test
    void memoryScratchIsListedToo() throws Exception {
        Properties p = new Properties();
        p.setProperty("nlsql.scratch", "memory");
        try (Connection c = DriverManager.getConnection(url, p)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scratch.picks AS SELECT AlbumId, Title FROM Album WHERE AlbumId < 3");
            }
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("scratch.picks"), qualified(md.getTables(null, "scratch", "%", null)));
            assertEquals(List.of("scratch.picks.AlbumId@1", "scratch.picks.Title@2"),
                    columnNames(md.getColumns(null, "scratch", "picks", "%")));
        }
    }

    @Test
    void withoutScratchTheAnswersAreXerials() throws Exception {
        List<String> rawTables;
        List<String> rawColumns;
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            DatabaseMetaData md = raw.getMetaData();
            rawTables = rowsOf(md.getTables(null, null, "%", null), TABLE_LABELS.size());
            rawColumns = rowsOf(md.getColumns(null, null, "Album", "%"), COLUMN_LABELS.size());
            assertEquals(List.of(), rowsOf(md.getSchemas(), 2));
        }
        for (String mode : List.of("audit", "strict")) { // strict: no scratch database exists yet, none is attached
            Properties p = new Properties();
            p.setProperty("nlsql.policy.mode", mode);
            try (Connection c = DriverManager.getConnection(url, p)) {
                DatabaseMetaData md = c.getMetaData();
                assertEquals(List.of(), rowsOf(md.getSchemas(), 2), mode);
                assertEquals(rawTables, rowsOf(md.getTables(null, null, "%", null), TABLE_LABELS.size()), mode);
                assertEquals(rawColumns, rowsOf(md.getColumns(null, null, "Album", "%"), COLUMN_LABELS.size()), mode);
            }
        }
        // read-only mode with an empty scratch: the source's rows as xerial gives them
        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(rawTables, rowsOf(md.getTables(null, null, "%", null), TABLE_LABELS.size()));
            assertEquals(rawColumns, rowsOf(md.getColumns(null, null, "Album", "%"), COLUMN_LABELS.size()));
        }
    }

    @Test
    void metadataOfAClosedConnectionFailsWith08003() throws Exception {
        Connection c = DriverManager.getConnection(url);
        DatabaseMetaData md = c.getMetaData();
        c.close();
        assertEquals("08003", assertThrows(SQLException.class, () -> md.getTables(null, null, "%", null)).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, md::getSchemas).getSQLState());
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData m = rs.getMetaData();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
            out.add(m.getColumnLabel(i));
        }
        return out;
    }

    private static List<String> rows(ResultSet rs, int columns) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                sb.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static List<String> rowsOf(ResultSet rs, int columns) throws SQLException {
        try (rs) {
            return rows(rs, columns);
        }
    }

    /** TABLE_CAT, TABLE_SCHEM, TABLE_NAME, TABLE_TYPE of each row. */
    private static List<String[]> tableRows(ResultSet rs) throws SQLException {
        try (rs) {
            List<String[]> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new String[] {rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
                    rs.getString("TABLE_TYPE")});
            }
            return out;
        }
    }

    private static List<String> qualified(ResultSet rs) throws SQLException {
        return tableRows(rs).stream().map(r -> r[1] + "." + r[2]).toList();
    }

    private static List<String> columnNames(ResultSet rs) throws SQLException {
        try (rs) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME")
                        + "@" + rs.getInt("ORDINAL_POSITION"));
            }
            return out;
        }
    }
}
