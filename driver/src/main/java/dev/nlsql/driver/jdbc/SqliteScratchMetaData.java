package dev.nlsql.driver.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What xerial's sqlite-jdbc leaves out of {@link DatabaseMetaData} when nlsql has a scratch
 * database attached: its {@code getSchemas} is always empty and its {@code getTables}/
 * {@code getColumns} read only the main database's {@code sqlite_schema} (the source). This
 * class answers those three calls with the scratch database's objects added, read from
 * {@code "<scratch>".sqlite_master} and {@code pragma_table_xinfo(table, '<scratch>')} on the raw
 * connection (catalog reads of the driver itself: no policy, no provenance record).
 *
 * <p>Schemas: {@code main} (the source) and the scratch schema. The source's objects keep the
 * answer xerial gives them (TABLE_SCHEM null, as without scratch); scratch objects have
 * TABLE_SCHEM = the scratch schema name. A schema pattern selects the source's objects when it
 * is null, empty (JDBC: "without a schema") or matches {@code main}, and the scratch objects
 * when it is null or matches the scratch name; patterns are SQLite {@code LIKE} patterns with
 * {@code \} as escape ({@code getSearchStringEscape}), ASCII case-insensitive as xerial's table
 * patterns are. Catalog arguments are ignored, as xerial ignores them (SQLite has no catalogs).
 *
 * <p>When the scratch database adds no row, the source's answer is xerial's own result set,
 * unchanged. Otherwise the rows of both are served sorted as JDBC specifies by one query of the
 * engine ({@link SqliteRowsQuery}) with JDBC's column labels. Keys and indexes of a scratch
 * table: {@link SqliteScratchKeys}.
 *
 * <p>Errors: {@link SQLException} as sqlite-jdbc reports it (SQLite gives no SQLState), and
 * HY000 if xerial's answer has other columns than JDBC's (a sqlite-jdbc version this was not
 * written for).
 */
final class SqliteScratchMetaData {

    /** {@code getSchemas} columns (JDBC 4.3 {@code DatabaseMetaData.getSchemas}). */
    static final List<String> SCHEMA_COLUMNS = List.of("TABLE_SCHEM", "TABLE_CATALOG");

    /** {@code getTables} columns (JDBC 4.3 {@code DatabaseMetaData.getTables}). */
    static final List<String> TABLE_COLUMNS = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS",
            "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");

    /** {@code getColumns} columns (JDBC 4.3 {@code DatabaseMetaData.getColumns}). */
    static final List<String> COLUMN_COLUMNS = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
            "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS",
            "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE",
            "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");

    private static final String MAIN = "main";

    private final String scratch;
    private final String quotedScratch;

    /** @param scratchSchema the name the scratch database is attached under */
    SqliteScratchMetaData(String scratchSchema) {
        this.scratch = scratchSchema;
        this.quotedScratch = SqliteRowsQuery.quoteIdentifier(scratchSchema);
    }

    /**
     * {@code main} and the scratch schema, those matching {@code schemaPattern} (null: both),
     * sorted by TABLE_CATALOG (null) and TABLE_SCHEM.
     */
    ResultSet schemas(Connection raw, String schemaPattern) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String schema : List.of(MAIN, scratch)) {
            if (schemaPattern == null || like(raw, schema, schemaPattern)) {
                rows.add(new Object[] {schema, null});
            }
        }
        return SqliteRowsQuery.of(raw, SCHEMA_COLUMNS, rows, List.of("TABLE_CATALOG", "TABLE_SCHEM"));
    }

    /**
     * xerial's {@code getTables} for the source plus the scratch tables (TABLE), views (VIEW) and
     * SQLite's own tables there ({@code sqlite_sequence}, {@code sqlite_stat1}: SYSTEM TABLE),
     * sorted by TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME.
     *
     * @param source xerial's metadata (for the source's rows)
     * @param tablePattern null or empty: every table (as xerial reads it)
     * @param types TABLE_TYPE values to keep (any case); null or empty: all
     */
    ResultSet tables(Connection raw, DatabaseMetaData source, String catalog, String schemaPattern, String tablePattern,
            String[] types) throws SQLException {
        List<Object[]> added = scratchSelected(raw, schemaPattern) ? scratchTables(raw, tablePattern, types) : List.of();
        ResultSet main = sourceSelected(raw, schemaPattern) ? source.getTables(catalog, schemaPattern, tablePattern, types) : null;
        return combine(raw, main, TABLE_COLUMNS, added, List.of("TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME"));
    }

    /**
     * xerial's {@code getColumns} for the source plus the columns of the scratch tables and views
     * matching {@code tablePattern} (null or empty: all), described as xerial describes main's
     * ({@link SqliteColumnType}), sorted by TABLE_CAT, TABLE_SCHEM, TABLE_NAME, ORDINAL_POSITION.
     *
     * @param columnPattern null: every column
     */
    ResultSet columns(Connection raw, DatabaseMetaData source, String catalog, String schemaPattern, String tablePattern,
            String columnPattern) throws SQLException {
        List<Object[]> added = scratchSelected(raw, schemaPattern) ? scratchColumns(raw, tablePattern, columnPattern) : List.of();
        ResultSet main = sourceSelected(raw, schemaPattern)
                ? source.getColumns(catalog, schemaPattern, tablePattern, columnPattern) : null;
        return combine(raw, main, COLUMN_COLUMNS, added, List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "ORDINAL_POSITION"));
    }

    /** Whether the scratch objects are selected by {@code schemaPattern}. */
    private boolean scratchSelected(Connection raw, String schemaPattern) throws SQLException {
        return schemaPattern == null || !schemaPattern.isEmpty() && like(raw, scratch, schemaPattern);
    }

    /** Whether the source's objects (xerial: TABLE_SCHEM null; SQLite: schema main) are selected. */
    private static boolean sourceSelected(Connection raw, String schemaPattern) throws SQLException {
        return schemaPattern == null || schemaPattern.isEmpty() || like(raw, MAIN, schemaPattern);
    }

    private List<Object[]> scratchTables(Connection raw, String tablePattern, String[] types) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT name, CASE WHEN name LIKE 'sqlite\\_%' ESCAPE '\\' THEN 'SYSTEM TABLE'"
                + " ELSE upper(type) END AS table_type FROM " + quotedScratch + ".sqlite_master"
                + " WHERE (type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " OR type = 'table' AND name LIKE 'sqlite\\_%' ESCAPE '\\')"
                + " AND name LIKE ? ESCAPE '\\'");
        List<String> params = new ArrayList<>();
        params.add(tablePattern == null || tablePattern.isEmpty() ? "%" : tablePattern);
        if (types != null && types.length > 0) {
            sql.append(" AND table_type IN (");
            for (int i = 0; i < types.length; i++) {
                sql.append(i > 0 ? ", ?" : "?");
                params.add(types[i] == null ? null : types[i].toUpperCase(Locale.ROOT));
            }
            sql.append(')');
        }
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = raw.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {null, scratch, rs.getString(1), rs.getString(2), null, null, null, null, null, null});
                }
            }
        }
        return rows;
    }

    private List<Object[]> scratchColumns(Connection raw, String tablePattern, String columnPattern) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<Boolean> autoIncrement = new ArrayList<>();
        try (PreparedStatement ps = raw.prepareStatement("SELECT name, coalesce(lower(sql) LIKE '%autoincrement%', 0)"
                + " FROM " + quotedScratch + ".sqlite_master WHERE type IN ('table', 'view')"
                + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name LIKE ? ESCAPE '\\' ORDER BY name")) {
            ps.setString(1, tablePattern == null || tablePattern.isEmpty() ? "%" : tablePattern);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                    autoIncrement.add(rs.getInt(2) == 1);
                }
            }
        }
        List<Object[]> rows = new ArrayList<>();
        if (tables.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = raw.prepareStatement("SELECT name, type, \"notnull\", dflt_value, pk, hidden,"
                + " ? IS NULL OR name LIKE ? ESCAPE '\\' FROM pragma_table_xinfo(?, ?)")) {
            for (int t = 0; t < tables.size(); t++) {
                ps.setString(1, columnPattern);
                ps.setString(2, columnPattern);
                ps.setString(3, tables.get(t));
                ps.setString(4, scratch);
                try (ResultSet rs = ps.executeQuery()) {
                    int position = 0;
                    while (rs.next()) {
                        position++;
                        if (rs.getInt(7) != 1) {
                            continue;
                        }
                        rows.add(columnRow(tables.get(t), position, rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
                                rs.getString(4), autoIncrement.get(t) && rs.getInt(5) == 1, rs.getInt(6)));
                    }
                }
            }
        }
        return rows;
    }

    /** One getColumns row, valued as xerial values main's (see {@link SqliteColumnType}). */
    private Object[] columnRow(String table, int position, String column, String declared, boolean notNull,
            String defaultValue, boolean autoIncrement, int hidden) {
        SqliteColumnType type = SqliteColumnType.of(declared);
        return new Object[] {null, scratch, table, column, type.dataType(), type.typeName(), type.columnSize(),
            SqliteColumnType.NO_SIZE, type.decimalDigits(), 10, notNull ? DatabaseMetaData.columnNoNulls
                    : DatabaseMetaData.columnNullable, null, defaultValue, 0, 0, SqliteColumnType.NO_SIZE, position,
            notNull ? "NO" : "YES", null, null, null, null, autoIncrement ? "YES" : "NO",
            hidden == 2 || hidden == 3 ? "YES" : "NO"};
    }

    /**
     * {@code source} itself when nothing is added; else its rows (closed after reading) and
     * {@code added} in one sorted result with {@code labels}.
     *
     * @param source xerial's result, or null when the source is not selected
     */
    private static ResultSet combine(Connection raw, ResultSet source, List<String> labels, List<Object[]> added,
            List<String> orderBy) throws SQLException {
        if (added.isEmpty() && source != null) {
            return source;
        }
        List<Object[]> rows = new ArrayList<>();
        if (source != null) {
            try (source) {
                int n = source.getMetaData().getColumnCount();
                if (n != labels.size()) {
                    throw new SQLException("sqlite-jdbc answered " + n + " metadata columns where JDBC has "
                            + labels.size() + "; nlsql cannot add the scratch objects", "HY000");
                }
                while (source.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = source.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        rows.addAll(added);
        return SqliteRowsQuery.of(raw, labels, rows, orderBy);
    }

    /** SQLite's {@code value LIKE pattern ESCAPE '\'} (ASCII case-insensitive). */
    private static boolean like(Connection raw, String value, String pattern) throws SQLException {
        try (PreparedStatement ps = raw.prepareStatement("SELECT ? LIKE ? ESCAPE '\\'")) {
            ps.setString(1, value);
            ps.setString(2, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }
}
