package dev.nlsql.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys and indexes of scratch tables against xerial's answers for the same tables in main of
 * another database; the scratch side's main holds a different table {@code x} of the same name,
 * which xerial's bare-name lookups would find instead. One intended difference: a foreign key
 * that names no column gets the referenced primary key's column as PKCOLUMN_NAME in
 * {@code getExportedKeys} (xerial answers an empty name there, and the column in getImportedKeys).
 */
class SqliteScratchKeysTest {

    static final List<String> DDL = List.of(
            "CREATE TABLE %sp(id INTEGER PRIMARY KEY, v TEXT UNIQUE)",
            "CREATE TABLE %sx(id INTEGER, k INTEGER, pid INTEGER REFERENCES p(id) ON DELETE CASCADE, w TEXT,"
                    + " PRIMARY KEY (k, id))",
            "CREATE INDEX %sxi ON x(pid, w)",
            "CREATE UNIQUE INDEX %sxw ON x(w)",
            "CREATE TABLE %sc(cid INTEGER, pid INTEGER, FOREIGN KEY (pid) REFERENCES p ON UPDATE SET NULL)");

    @Test
    void scratchKeysEqualXerialsForTheSameTablesInMain() throws Exception {
        List<List<String>> expected = new ArrayList<>();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = plain.createStatement()) {
            for (String ddl : DDL) {
                s.execute(String.format(ddl, ""));
            }
            DatabaseMetaData md = plain.getMetaData();
            expected.add(rows(md.getPrimaryKeys(null, null, "x")).stream().map(SqliteScratchKeysTest::scratchSchema).toList());
            expected.add(sorted(rows(md.getIndexInfo(null, null, "x", false, false)).stream()
                    .map(SqliteScratchKeysTest::scratchSchema).toList()));
            expected.add(sorted(rows(md.getIndexInfo(null, null, "x", true, false)).stream()
                    .filter(r -> r.contains("|0|null|")).map(SqliteScratchKeysTest::scratchSchema).toList()));
            // xerial echoes the schema argument in PKTABLE_SCHEM/FKTABLE_SCHEM
            expected.add(rows(md.getImportedKeys(null, "scratch", "x")));
            expected.add(rows(md.getImportedKeys(null, "scratch", "c")));
            // xerial leaves PKCOLUMN_NAME empty for a key that names no column; the key column is p.id
            expected.add(rows(md.getExportedKeys(null, "scratch", "p")).stream()
                    .map(r -> r.replace("null|scratch|p||null|scratch|c|", "null|scratch|p|id|null|scratch|c|")).toList());
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE main.x(other TEXT PRIMARY KEY)");
            s.execute("ATTACH DATABASE ':memory:' AS scratch");
            for (String ddl : DDL) {
                s.execute(String.format(ddl, "scratch."));
            }
            SqliteScratchKeys keys = new SqliteScratchKeys("scratch");
            List<List<String>> actual = List.of(
                    rows(keys.primaryKeys(raw, "x")),
                    sorted(rows(keys.indexInfo(raw, "x", false))),
                    sorted(rows(keys.indexInfo(raw, "x", true))),
                    rows(keys.importedKeys(raw, "x")),
                    rows(keys.importedKeys(raw, "c")),
                    rows(keys.exportedKeys(raw, "p")));
            for (List<String> e : expected) {
                assertFalse(e.isEmpty(), expected.toString());
            }
            assertEquals(expected, actual);
            // JDBC order for indexes (xerial gives index_list's order): unique first, then by name and position
            assertEquals(List.of("sqlite_autoindex_x_1|1", "sqlite_autoindex_x_1|2", "xw|1", "xi|1", "xi|2"),
                    indexOrder(keys.indexInfo(raw, "x", false)));
            assertEquals(List.of(), rows(keys.primaryKeys(raw, "nosuch")));
            assertEquals(List.of(), rows(keys.exportedKeys(raw, "x")));
        }
    }

    private static String scratchSchema(String row) {
        return row.replaceFirst("^null\\|null\\|", "null|scratch|");
    }

    private static List<String> sorted(List<String> rows) {
        List<String> out = new ArrayList<>(rows);
        out.sort(null);
        return out;
    }

    private static List<String> indexOrder(ResultSet rs) throws SQLException {
        try (rs) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString("INDEX_NAME") + "|" + rs.getInt("ORDINAL_POSITION"));
            }
            return out;
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        return SqliteScratchColumnsTest.rows(rs);
    }
}
