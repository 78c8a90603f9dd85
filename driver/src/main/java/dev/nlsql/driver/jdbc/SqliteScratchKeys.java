package dev.nlsql.driver.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Keys and indexes of one table of the SQLite scratch database, for
 * {@code DatabaseMetaData.getPrimaryKeys/getIndexInfo/getImportedKeys/getExportedKeys} called
 * with the scratch schema name. xerial finds a table by its bare name: {@code getPrimaryKeys} and
 * {@code getExportedKeys} look in main's {@code sqlite_schema} only and throw "Table not found"
 * for a scratch table, and {@code getIndexInfo}/{@code getImportedKeys} read
 * {@code pragma index_list('t')}, which finds main's table first when both databases have one of
 * that name. Each answer here is one query of the scratch database's pragma table functions
 * ({@code pragma_table_info}, {@code pragma_index_list}, {@code pragma_index_info},
 * {@code pragma_foreign_key_list}) with the JDBC 4.3 column labels, valued as xerial values
 * main's rows, sorted as JDBC specifies; no rows when the table does not exist.
 *
 * <p>Differences from xerial's rows for main: PK_NAME is null and FK_NAME is empty (xerial
 * parses named constraints out of the table's SQL); TABLE_SCHEM, PKTABLE_SCHEM and
 * FKTABLE_SCHEM are the scratch name; {@code getIndexInfo} honours {@code unique} and sorts.
 */
final class SqliteScratchKeys {

    /** xerial's rule numbers for {@code ON UPDATE/DELETE} actions (JDBC's importedKey* constants). */
    private static final String RULE = "CASE %s WHEN 'CASCADE' THEN 0 WHEN 'RESTRICT' THEN 1 WHEN 'SET NULL' THEN 2"
            + " WHEN 'SET DEFAULT' THEN 4 ELSE 3 END";

    /** Key columns of one foreign key row {@code fk} of table {@code <fkTable>}; PK column from the key when not named. */
    private static final String KEY_COLUMNS = "NULL AS PKTABLE_CAT, ?1 AS PKTABLE_SCHEM, fk.\"table\" AS PKTABLE_NAME,"
            + " coalesce(fk.\"to\", (SELECT p.name FROM pragma_table_info(fk.\"table\", ?1) p WHERE p.pk = fk.seq + 1))"
            + " AS PKCOLUMN_NAME, NULL AS FKTABLE_CAT, ?1 AS FKTABLE_SCHEM, %s AS FKTABLE_NAME,"
            + " fk.\"from\" AS FKCOLUMN_NAME, fk.seq + 1 AS KEY_SEQ, " + String.format(RULE, "fk.on_update")
            + " AS UPDATE_RULE, " + String.format(RULE, "fk.on_delete") + " AS DELETE_RULE, '' AS FK_NAME,"
            + " '' AS PK_NAME, 5 AS DEFERRABILITY";

    private final String scratch;

    /** @param scratchSchema the name the scratch database is attached under */
    SqliteScratchKeys(String scratchSchema) {
        this.scratch = scratchSchema;
    }

    /** Whether {@code schema} (a name, not a pattern) names the scratch database (ASCII case-insensitive, as SQLite). */
    boolean isScratch(String schema) {
        return schema != null && schema.equalsIgnoreCase(scratch);
    }

    /** Primary key columns: one row per key column, KEY_SEQ its position in the key, sorted by COLUMN_NAME. */
    ResultSet primaryKeys(Connection raw, String table) throws SQLException {
        return query(raw, "SELECT NULL AS TABLE_CAT, ?1 AS TABLE_SCHEM, ?2 AS TABLE_NAME, name AS COLUMN_NAME,"
                + " pk AS KEY_SEQ, NULL AS PK_NAME FROM pragma_table_info(?2, ?1) WHERE pk > 0 ORDER BY COLUMN_NAME", table);
    }

    /**
     * One row per indexed column (TYPE 3, tableIndexOther; COLUMN_NAME null for an expression),
     * only unique indexes when {@code unique}; sorted by NON_UNIQUE, TYPE, INDEX_NAME, ORDINAL_POSITION.
     */
    ResultSet indexInfo(Connection raw, String table, boolean unique) throws SQLException {
        return query(raw, "SELECT NULL AS TABLE_CAT, ?1 AS TABLE_SCHEM, ?2 AS TABLE_NAME, 1 - il.\"unique\" AS NON_UNIQUE,"
                + " NULL AS INDEX_QUALIFIER, il.name AS INDEX_NAME, 3 AS TYPE, ii.seqno + 1 AS ORDINAL_POSITION,"
                + " ii.name AS COLUMN_NAME, NULL AS ASC_OR_DESC, 0 AS CARDINALITY, 0 AS PAGES, NULL AS FILTER_CONDITION"
                + " FROM pragma_index_list(?2, ?1) il JOIN pragma_index_info(il.name, ?1) ii"
                + (unique ? " WHERE il.\"unique\" = 1" : "")
                + " ORDER BY NON_UNIQUE, TYPE, INDEX_NAME, ORDINAL_POSITION", table);
    }

    /** The foreign keys of {@code table}: sorted by PKTABLE_CAT, PKTABLE_SCHEM, PKTABLE_NAME, KEY_SEQ. */
    ResultSet importedKeys(Connection raw, String table) throws SQLException {
        return query(raw, "SELECT " + String.format(KEY_COLUMNS, "?2") + " FROM pragma_foreign_key_list(?2, ?1) fk"
                + " ORDER BY PKTABLE_CAT, PKTABLE_SCHEM, PKTABLE_NAME, KEY_SEQ", table);
    }

    /**
     * The scratch tables' foreign keys that reference {@code table} (name compared case-insensitively):
     * sorted by FKTABLE_CAT, FKTABLE_SCHEM, FKTABLE_NAME, KEY_SEQ.
     */
    ResultSet exportedKeys(Connection raw, String table) throws SQLException {
        return query(raw, "SELECT " + String.format(KEY_COLUMNS, "m.name") + " FROM "
                + SqliteRowsQuery.quoteIdentifier(scratch) + ".sqlite_master m JOIN pragma_foreign_key_list(m.name, ?1) fk"
                + " WHERE m.type = 'table' AND lower(fk.\"table\") = lower(?2)"
                + " ORDER BY FKTABLE_CAT, FKTABLE_SCHEM, FKTABLE_NAME, KEY_SEQ", table);
    }

    /** Runs {@code sql} with ?1 = the scratch name and ?2 = {@code table}; the statement closes with the result. */
    private ResultSet query(Connection raw, String sql, String table) throws SQLException {
        return SqliteRowsQuery.execute(raw.prepareStatement(sql), ps -> {
            ps.setString(1, scratch);
            ps.setString(2, table);
        });
    }
}
