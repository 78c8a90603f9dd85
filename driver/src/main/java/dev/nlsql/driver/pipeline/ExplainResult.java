package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.SqlStates;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * A result computed by the translate stage instead of the engine, e.g. the one row of
 * {@code EXPLAIN ASK} (the SQL a question becomes, its parameters, source, model). Nothing is
 * policed or executed for it; the driver returns it as a ResultSet (a JDK {@link CachedRowSet}).
 *
 * @param columns column labels, in order
 * @param types their {@link java.sql.Types} codes
 * @param rows the rows, each with one value per column (String, Number, null ...)
 */
public record ExplainResult(List<String> columns, List<Integer> types, List<List<Object>> rows) {

    public ExplainResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException("columns and types differ in length");
        }
    }

    /** A fresh, read-only, forward-readable ResultSet over the rows. */
    public ResultSet toResultSet() throws SQLException {
        CachedRowSet crs = RowSetProvider.newFactory().createCachedRowSet();
        RowSetMetaDataImpl md = new RowSetMetaDataImpl();
        md.setColumnCount(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            md.setColumnName(i + 1, columns.get(i));
            md.setColumnLabel(i + 1, columns.get(i));
            md.setColumnType(i + 1, types.get(i));
            String typeName;
            try {
                typeName = JDBCType.valueOf(types.get(i)).getName();
            } catch (IllegalArgumentException e) {
                typeName = "OTHER";
            }
            md.setColumnTypeName(i + 1, typeName);
            md.setNullable(i + 1, java.sql.ResultSetMetaData.columnNullable);
        }
        crs.setMetaData(md);
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw SqlStates.badParameter("an explain row has " + row.size() + " values for " + columns.size() + " columns");
            }
            crs.moveToInsertRow();
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) == null) {
                    crs.updateNull(i + 1);
                } else {
                    crs.updateObject(i + 1, row.get(i));
                }
            }
            crs.insertRow();
            crs.moveToCurrentRow();
        }
        crs.beforeFirst();
        // CachedRowSetImpl throws on next() past the end; JDBC says it answers false
        return (ResultSet) Proxy.newProxyInstance(ExplainResult.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (p, m, args) -> {
                    if (m.getName().equals("next") && (crs.isAfterLast() || crs.size() == 0)) {
                        return false;
                    }
                    if (m.getName().equals("getStatement")) {
                        return null;
                    }
                    try {
                        return m.invoke(crs, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
