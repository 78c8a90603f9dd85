package dev.nlsql.model.quickeval;

import dev.nlsql.model.vault.ValueIndex;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-scope helper: a {@link ValueIndex} over the text values of a SQLite database. */
public final class SqliteValues {
    private SqliteValues() {}

    /** Distinct short text values of every text column (at most 2,000 per column). */
    public static ValueIndex index(String sqlitePath) throws SQLException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlitePath)) {
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = md.getColumns(null, null, t, "%")) {
                    while (rs.next()) {
                        String col = rs.getString("COLUMN_NAME");
                        List<String> vs = new ArrayList<>();
                        try (Statement s = c.createStatement();
                                ResultSet v = s.executeQuery("SELECT DISTINCT \"" + col + "\" FROM \"" + t
                                        + "\" WHERE typeof(\"" + col + "\") = 'text' AND length(\"" + col + "\") BETWEEN 2 AND 60 LIMIT 2000")) {
                            while (v.next()) {
                                String x = v.getString(1);
                                if (x != null && !x.isBlank() && !x.matches("-?\\d+(\\.\\d+)?")) {
                                    vs.add(x);
                                }
                            }
                        } catch (SQLException e) {
                            // unreadable column: skipped
                        }
                        if (!vs.isEmpty()) {
                            values.put(t + "." + col, vs);
                        }
                    }
                }
            }
        }
        return ValueIndex.of(values);
    }
}
