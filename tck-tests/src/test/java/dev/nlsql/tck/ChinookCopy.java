package dev.nlsql.tck;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies the SQLite Chinook database (tables, primary keys, foreign keys, rows) into another
 * engine over plain JDBC, for engines that have no Chinook script of their own here (DuckDB, H2).
 * The SQLite DDL is reused with portable spellings: {@code [x]} becomes {@code "x"},
 * {@code NVARCHAR} becomes {@code VARCHAR}, {@code DATETIME} becomes {@code TIMESTAMP}; the
 * {@code ON DELETE/UPDATE NO ACTION} clauses (the default anyway) and the one self-reference
 * ({@code Employee.ReportsTo}) are left out. Tables are created and filled parents first.
 */
final class ChinookCopy {

    private static final Pattern REFERENCES = Pattern.compile("REFERENCES \"(\\w+)\"");
    private static final Pattern SELF_OR_ACTION = Pattern.compile("\\s*ON (DELETE|UPDATE) NO ACTION", Pattern.CASE_INSENSITIVE);

    private ChinookCopy() {
    }

    /**
     * Creates Chinook's eleven tables in the empty database {@code targetUrl} and copies every row.
     *
     * @param sqliteFile the SQLite Chinook file (only read)
     * @param targetUrl  raw JDBC URL of an empty DuckDB or H2 database
     * @throws SQLException when either side fails
     */
    static void copy(Path sqliteFile, String targetUrl) throws SQLException {
        Map<String, String> ddl = new LinkedHashMap<>();
        try (Connection src = DriverManager.getConnection("jdbc:sqlite:file:" + sqliteFile + "?mode=ro");
                Connection dst = DriverManager.getConnection(targetUrl)) {
            try (Statement s = src.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                            + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (rs.next()) {
                    ddl.put(rs.getString(1), portable(rs.getString(1), rs.getString(2)));
                }
            }
            dst.setAutoCommit(false);
            for (String table : parentsFirst(ddl)) {
                try (Statement s = dst.createStatement()) {
                    s.execute(ddl.get(table));
                }
                copyRows(src, dst, table);
                dst.commit();
            }
            dst.setAutoCommit(true);
        }
    }

    private static String portable(String table, String sqliteDdl) {
        String sql = sqliteDdl.replace('[', '"').replace(']', '"')
                .replaceAll("(?i)NVARCHAR", "VARCHAR").replaceAll("(?i)DATETIME", "TIMESTAMP");
        sql = SELF_OR_ACTION.matcher(sql).replaceAll("");
        // drop a self-referencing foreign key (its clause is the only one naming the table itself)
        return sql.replaceAll(",\\s*FOREIGN KEY \\(\"\\w+\"\\) REFERENCES \"" + table + "\" \\(\"\\w+\"\\)\\s*", "\n");
    }

    private static List<String> parentsFirst(Map<String, String> ddl) {
        List<String> order = new ArrayList<>();
        while (order.size() < ddl.size()) {
            int before = order.size();
            for (Map.Entry<String, String> e : ddl.entrySet()) {
                if (order.contains(e.getKey())) {
                    continue;
                }
                boolean ready = true;
                Matcher m = REFERENCES.matcher(e.getValue());
                while (m.find()) {
                    ready &= m.group(1).equals(e.getKey()) || order.contains(m.group(1));
                }
                if (ready) {
                    order.add(e.getKey());
                }
            }
            if (order.size() == before) {
                throw new IllegalStateException("foreign keys form a cycle: " + ddl.keySet());
            }
        }
        return order;
    }

    private static void copyRows(Connection src, Connection dst, String table) throws SQLException {
        try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            String marks = String.join(", ", java.util.Collections.nCopies(n, "?"));
            try (PreparedStatement ps = dst.prepareStatement("INSERT INTO \"" + table + "\" VALUES (" + marks + ")")) {
                int batched = 0;
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        String type = md.getColumnTypeName(i).toUpperCase(java.util.Locale.ROOT);
                        Object v = rs.getObject(i);
                        if (v != null && type.startsWith("DATETIME")) {
                            ps.setTimestamp(i, java.sql.Timestamp.valueOf(rs.getString(i)));
                        } else if (v != null && type.startsWith("NUMERIC")) {
                            ps.setBigDecimal(i, new java.math.BigDecimal(rs.getString(i)));
                        } else {
                            ps.setObject(i, v);
                        }
                    }
                    ps.addBatch();
                    if (++batched % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
    }
}
