package dev.nlsql.examples;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a ResultSet as a plain-text table: header, at most {@code maxRows} rows, a row count. */
final class TablePrinter {

    private final PrintStream out;
    private final int maxRows;

    TablePrinter(PrintStream out, int maxRows) {
        this.out = out;
        this.maxRows = maxRows;
    }

    /** Reads the whole ResultSet (it is not closed here); prints the first {@code maxRows} rows. */
    int print(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[n];
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            header[i] = md.getColumnLabel(i + 1);
            width[i] = header[i].length();
        }
        int total = 0;
        while (rs.next()) {
            total++;
            if (rows.size() < maxRows) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    String v = rs.getString(i + 1);
                    row[i] = v == null ? "NULL" : v.length() > 40 ? v.substring(0, 37) + "..." : v;
                    width[i] = Math.max(width[i], row[i].length());
                }
                rows.add(row);
            }
        }
        line(header, width);
        StringBuilder rule = new StringBuilder("  ");
        for (int w : width) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        for (String[] row : rows) {
            line(row, width);
        }
        out.println("  (" + total + (total == 1 ? " row" : " rows")
                + (total > rows.size() ? ", first " + rows.size() + " shown" : "") + ")");
        return total;
    }

    private void line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("  ");
        for (int i = 0; i < cells.length; i++) {
            sb.append(String.format("%-" + width[i] + "s", cells[i])).append("  ");
        }
        out.println(sb.toString().stripTrailing());
    }
}
