package dev.nlsql.driver.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows already read (catalog rows from xerial's metadata and from the scratch database) served
 * back as a real SQLite result set: {@code SELECT column1 AS "LABEL1", … FROM (VALUES (…), …)
 * ORDER BY …} on the raw connection, so the client gets the engine's own {@link ResultSet} with
 * the labels given (JDBC's metadata column names) and the engine's sort order.
 *
 * <p>Values are written as SQL literals: null as {@code NULL}, {@code Integer}/{@code Long}/
 * {@code Short}/{@code Byte} as integers, finite {@code Double}/{@code Float} as reals,
 * {@code byte[]} as blobs, anything else as a text literal with quotes doubled (catalog names
 * may hold any character). A multi-row {@code VALUES} has no row limit in SQLite (3.8.8 and
 * later), unlike a chain of {@code UNION ALL} (500 terms by default).
 */
final class SqliteRowsQuery {

    private SqliteRowsQuery() {
    }

    /**
     * Runs the query for {@code rows} and returns its result; the statement closes with the result.
     *
     * @param raw the target connection (the driver's own; no policy, no provenance)
     * @param labels the column labels, in order
     * @param rows one array per row, each {@code labels.size()} values long
     * @param orderBy labels to sort by, ascending, nulls first (SQLite's default)
     * @throws SQLException as sqlite-jdbc reports it
     */
    static ResultSet of(Connection raw, List<String> labels, List<Object[]> rows, List<String> orderBy) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            if (rows.isEmpty()) {
                sql.append("NULL");
            } else {
                sql.append("column").append(i + 1);
            }
            sql.append(" AS ").append(quoteIdentifier(labels.get(i)));
        }
        if (rows.isEmpty()) {
            sql.append(" LIMIT 0");
        } else {
            sql.append(" FROM (VALUES ");
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                if (row.length != labels.size()) {
                    throw new IllegalArgumentException("row " + r + " has " + row.length + " values for " + labels.size() + " labels");
                }
                sql.append(r > 0 ? ", (" : "(");
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        sql.append(", ");
                    }
                    sql.append(literal(row[i]));
                }
                sql.append(')');
            }
            sql.append(')');
            for (int i = 0; i < orderBy.size(); i++) {
                sql.append(i == 0 ? " ORDER BY " : ", ").append(quoteIdentifier(orderBy.get(i)));
            }
        }
        return execute(raw.prepareStatement(sql.toString()), ps -> { });
    }

    /** Binds a prepared statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Binds and executes {@code ps}, which then closes with its result ({@code closeOnCompletion});
     * when binding or executing fails, {@code ps} is closed and the error thrown.
     */
    static ResultSet execute(PreparedStatement ps, Binder binder) throws SQLException {
        try {
            binder.bind(ps);
            ps.closeOnCompletion();
            return ps.executeQuery();
        } catch (SQLException | RuntimeException e) {
            try {
                ps.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** {@code value} as an SQLite literal. */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return value.toString();
        }
        if (value instanceof byte[] b) {
            return "X'" + HexFormat.of().formatHex(b) + "'";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
