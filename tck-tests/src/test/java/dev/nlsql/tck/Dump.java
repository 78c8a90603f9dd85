package dev.nlsql.tck;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * Canonical text of what a JDBC call answered, so that the raw driver's answer and nlsql's
 * can be compared as strings. Values keep their Java class ({@code Integer:1}); exceptions
 * keep their SQLState and vendor code, not their message or class (a wrapper may reword).
 */
final class Dump {

    private Dump() {
    }

    /** Something that answers or throws. */
    @FunctionalInterface
    interface Call {
        Object get() throws Exception;
    }

    /** {@code value} of a call, or {@code !SQLSTATE/code} when it throws an SQLException. */
    static String call(Call call) {
        try {
            return value(call.get());
        } catch (Exception e) {
            return error(e);
        }
    }

    /** Text for an exception: {@code !<SQLState>/<vendor code>}, or the class for non-SQL exceptions. */
    static String error(Throwable e) {
        if (e instanceof SQLException s) {
            return "!" + s.getSQLState() + "/" + s.getErrorCode();
        }
        return "!" + e.getClass().getSimpleName();
    }

    /** A value with its class: {@code Integer:1}, {@code byte[]:cafe}, {@code null}. */
    static String value(Object v) throws SQLException {
        if (v == null) {
            return "null";
        }
        String cls = v.getClass().getSimpleName();
        if (v instanceof byte[] b) {
            return "byte[]:" + HexFormat.of().formatHex(b);
        }
        if (v instanceof Blob b) {
            return cls + ":" + HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
        }
        if (v instanceof Clob c) {
            return cls + ":" + c.getSubString(1, (int) c.length());
        }
        if (v instanceof Array a) {
            return cls + ":" + java.util.Arrays.deepToString((Object[]) a.getArray());
        }
        if (v instanceof ResultSet rs) {
            return "ResultSet:\n" + resultSet(rs);
        }
        return cls + ":" + v;
    }

    /** Column descriptions of a result, one line each. */
    static String metaData(ResultSetMetaData md) throws SQLException {
        StringBuilder sb = new StringBuilder();
        int n = md.getColumnCount();
        sb.append("columns=").append(n).append('\n');
        for (int i = 1; i <= n; i++) {
            int col = i;
            sb.append("  col ").append(i)
                    .append(" label=").append(call(() -> md.getColumnLabel(col)))
                    .append(" name=").append(call(() -> md.getColumnName(col)))
                    .append(" type=").append(call(() -> md.getColumnType(col)))
                    .append(" typeName=").append(call(() -> md.getColumnTypeName(col)))
                    .append(" class=").append(call(() -> md.getColumnClassName(col)))
                    .append(" precision=").append(call(() -> md.getPrecision(col)))
                    .append(" scale=").append(call(() -> md.getScale(col)))
                    .append(" nullable=").append(call(() -> md.isNullable(col)))
                    .append(" table=").append(call(() -> md.getTableName(col)))
                    .append(" autoIncrement=").append(call(() -> md.isAutoIncrement(col)))
                    .append(" signed=").append(call(() -> md.isSigned(col)))
                    .append(" displaySize=").append(call(() -> md.getColumnDisplaySize(col)))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Metadata and every row (values via {@code getObject}), then closes nothing. */
    static String resultSet(ResultSet rs) throws SQLException {
        return resultSet(rs, row -> true);
    }

    /**
     * Metadata and the rows for which {@code keep} holds (it sees the row as a list of values
     * by {@code getObject}); used to leave out catalog rows that belong to other tests.
     */
    static String resultSet(ResultSet rs, Predicate<List<Object>> keep) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        StringBuilder sb = new StringBuilder(metaData(md));
        int n = md.getColumnCount();
        int rows = 0;
        while (rs.next()) {
            Object[] values = new Object[n];
            for (int i = 1; i <= n; i++) {
                values[i - 1] = rs.getObject(i);
            }
            if (!keep.test(java.util.Arrays.asList(values))) {
                continue;
            }
            rows++;
            sb.append("  row");
            for (Object v : values) {
                sb.append(" | ").append(value(v));
            }
            sb.append('\n');
        }
        sb.append("rows=").append(rows).append('\n');
        return sb.toString();
    }

    /** The first line where two dumps differ, for assertion messages. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end>";
            String al = i < a.length ? a[i] : "<end>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ":\n  raw:   " + el + "\n  nlsql: " + al;
            }
        }
        return "none";
    }
}
