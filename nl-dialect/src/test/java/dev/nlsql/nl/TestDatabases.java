package dev.nlsql.nl;

import dev.nlsql.provenance.SchemaSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared test databases, opened read-only, and a schema snapshot read from JDBC metadata. */
final class TestDatabases {

    private TestDatabases() {}

    static Path shared() {
        String p = System.getProperty("nlsql.shared", "../../shared/data");
        Path base = Path.of(p);
        return Files.isDirectory(base.resolve("data")) ? base.resolve("data") : base;
    }

    static Path chinook() {
        return shared().resolve("databases/chinook/Chinook_Sqlite.sqlite");
    }

    static Path northwind() {
        return shared().resolve("databases/northwind/northwind.db");
    }

    static Connection openSqlite(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro", new java.util.Properties());
    }

    /** Reads tables, columns, primary and foreign keys from JDBC metadata into a snapshot. */
    static SchemaSnapshot snapshot(Connection c) throws Exception {
        DatabaseMetaData md = c.getMetaData();
        List<SchemaSnapshot.Table> tables = new ArrayList<>();
        StringBuilder canon = new StringBuilder();
        try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
            List<String[]> names = new ArrayList<>();
            while (rs.next()) {
                names.add(new String[] {rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")});
            }
            names.sort((a, b) -> a[1].compareTo(b[1]));
            for (String[] n : names) {
                if (n[1].startsWith("sqlite_")) {
                    continue;
                }
                List<SchemaSnapshot.Column> cols = new ArrayList<>();
                try (ResultSet cr = md.getColumns(null, n[0], n[1], "%")) {
                    while (cr.next()) {
                        cols.add(new SchemaSnapshot.Column(cr.getString("COLUMN_NAME"), cr.getString("TYPE_NAME"),
                                cr.getInt("DATA_TYPE"), "YES".equals(cr.getString("IS_NULLABLE"))));
                    }
                }
                Map<Integer, String> pk = new java.util.TreeMap<>();
                try (ResultSet pr = md.getPrimaryKeys(null, n[0], n[1])) {
                    while (pr.next()) {
                        pk.put(pr.getInt("KEY_SEQ"), pr.getString("COLUMN_NAME"));
                    }
                }
                Map<String, List<String[]>> fks = new LinkedHashMap<>();
                if ("TABLE".equals(n[2])) {
                    try (ResultSet fr = md.getImportedKeys(null, n[0], n[1])) {
                        while (fr.next()) {
                            String key = fr.getString("PKTABLE_NAME") + "/" + fr.getString("FK_NAME") + "/"
                                    + (fr.getInt("KEY_SEQ") == 1 ? fks.size() : fks.size() - 1);
                            fks.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {
                                fr.getString("FKCOLUMN_NAME"), fr.getString("PKTABLE_NAME"), fr.getString("PKCOLUMN_NAME")});
                        }
                    }
                }
                List<SchemaSnapshot.ForeignKey> fkList = new ArrayList<>();
                for (Map.Entry<String, List<String[]>> e : fks.entrySet()) {
                    List<String> from = e.getValue().stream().map(a -> a[0]).toList();
                    List<String> to = e.getValue().stream().map(a -> a[2]).toList();
                    fkList.add(new SchemaSnapshot.ForeignKey(e.getKey(), from, n[0], e.getValue().get(0)[1], to));
                }
                tables.add(new SchemaSnapshot.Table(n[0], n[1], n[2], cols, List.copyOf(pk.values()), fkList, List.of()));
                canon.append(n[1]).append(cols).append(pk).append('\n');
            }
        }
        byte[] h = MessageDigest.getInstance("SHA-256").digest(canon.toString().getBytes(StandardCharsets.UTF_8));
        return new SchemaSnapshot(tables, HexFormat.of().formatHex(h));
    }
}
