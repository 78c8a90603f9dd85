package dev.nlsql.driver.jdbc;

import dev.nlsql.policy.Engine;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} nlsql hands out: everything passes through to the target's
 * metadata; {@code getConnection()} returns the nlsql connection and every ResultSet is an
 * nlsql wrapper (so no target object leaks through {@code getStatement()} or {@code unwrap}).
 *
 * <p>On SQLite with a scratch database attached (xerial reads the main database only):
 * {@code getSchemas}, {@code getTables} and {@code getColumns} also list the scratch objects
 * ({@link SqliteScratchMetaData}), and {@code getPrimaryKeys}, {@code getIndexInfo},
 * {@code getImportedKeys} and {@code getExportedKeys} called with the scratch schema name answer
 * for the scratch table ({@link SqliteScratchKeys}); after the connection is closed they throw
 * 08003. Those catalog reads run on the target connection: they are not user
 * statements, so they pass no policy and leave no provenance record.
 */
public class NlsqlDatabaseMetaData extends DelegatingDatabaseMetaData {

    private final NlsqlConnection connection;
    /** Non-null on SQLite with a scratch database attached (both). */
    private final SqliteScratchMetaData sqliteScratch;
    private final SqliteScratchKeys sqliteScratchKeys;

    public NlsqlDatabaseMetaData(NlsqlConnection connection, DatabaseMetaData raw) {
        super(raw);
        this.connection = connection;
        String scratch = connection.session() == null ? null : connection.session().scratchSchema();
        boolean sqlite = scratch != null && connection.backend() != null && connection.backend().engine() == Engine.SQLITE;
        this.sqliteScratch = sqlite ? new SqliteScratchMetaData(scratch) : null;
        this.sqliteScratchKeys = sqlite ? new SqliteScratchKeys(scratch) : null;
    }

    /** {@code main} and the scratch schema on SQLite with scratch; else the target's answer. */
    @Override
    public ResultSet getSchemas() throws SQLException {
        if (sqliteScratch == null) {
            return super.getSchemas();
        }
        connection.checkOpen();
        return wrapMetaResult(sqliteScratch.schemas(connection.raw(), null));
    }

    /** Those of {@code main} and the scratch schema matching {@code schemaPattern} on SQLite with scratch; else the target's answer. */
    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        if (sqliteScratch == null) {
            return super.getSchemas(catalog, schemaPattern);
        }
        connection.checkOpen();
        return wrapMetaResult(sqliteScratch.schemas(connection.raw(), schemaPattern));
    }

    /** The target's answer, plus the scratch tables and views on SQLite with scratch (TABLE_SCHEM = the scratch name). */
    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        if (sqliteScratch == null) {
            return super.getTables(catalog, schemaPattern, tableNamePattern, types);
        }
        connection.checkOpen();
        return wrapMetaResult(sqliteScratch.tables(connection.raw(), delegate, catalog, schemaPattern, tableNamePattern, types));
    }

    /** Whether {@code schema} names the SQLite scratch database, whose tables xerial cannot look up by schema. */
    private boolean scratchTable(String schema) throws SQLException {
        if (sqliteScratchKeys == null || !sqliteScratchKeys.isScratch(schema)) {
            return false;
        }
        connection.checkOpen();
        return true;
    }

    /** For a table of the SQLite scratch schema, its key columns ({@link SqliteScratchKeys}); else the target's answer. */
    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return scratchTable(schema) ? wrapMetaResult(sqliteScratchKeys.primaryKeys(connection.raw(), table))
                : super.getPrimaryKeys(catalog, schema, table);
    }

    /** For a table of the SQLite scratch schema, its indexes ({@link SqliteScratchKeys}); else the target's answer. */
    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return scratchTable(schema) ? wrapMetaResult(sqliteScratchKeys.indexInfo(connection.raw(), table, unique))
                : super.getIndexInfo(catalog, schema, table, unique, approximate);
    }

    /** For a table of the SQLite scratch schema, its foreign keys ({@link SqliteScratchKeys}); else the target's answer. */
    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return scratchTable(schema) ? wrapMetaResult(sqliteScratchKeys.importedKeys(connection.raw(), table))
                : super.getImportedKeys(catalog, schema, table);
    }

    /** For a table of the SQLite scratch schema, the scratch foreign keys that reference it; else the target's answer. */
    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return scratchTable(schema) ? wrapMetaResult(sqliteScratchKeys.exportedKeys(connection.raw(), table))
                : super.getExportedKeys(catalog, schema, table);
    }

    /** The target's answer, plus the columns of scratch tables and views on SQLite with scratch. */
    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        if (sqliteScratch == null) {
            return super.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
        }
        connection.checkOpen();
        return wrapMetaResult(sqliteScratch.columns(connection.raw(), delegate, catalog, schemaPattern, tableNamePattern,
                columnNamePattern));
    }

    @Override
    protected ResultSet wrapMetaResult(ResultSet rs) {
        return rs == null ? null : new NlsqlResultSet(null, rs, null, connection.config().vendorUnwrapAllowed());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection;
    }

    /**
     * The {@code jdbc:nlsql:} URL the client connected with, so a tool that reconnects with it
     * comes back through nlsql (the rewritten target URL is internal).
     */
    @Override
    public String getURL() throws SQLException {
        String u = connection.clientUrl();
        return u != null ? u : delegate.getURL();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Unwrapping.unwrap(this, delegate, iface, connection.config().vendorUnwrapAllowed());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Unwrapping.isWrapperFor(this, delegate, iface, connection.config().vendorUnwrapAllowed());
    }
}
