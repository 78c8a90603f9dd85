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
 * <p>On SQLite with a scratch database attached, {@code getSchemas}, {@code getTables} and
 * {@code getColumns} also list the scratch objects, and {@code getPrimaryKeys} answers for them ({@link SqliteScratchMetaData}; xerial reads
 * the main database only). Those catalog reads run on the target connection: they are not user
 * statements, so they pass no policy and leave no provenance record.
 */
public class NlsqlDatabaseMetaData extends DelegatingDatabaseMetaData {

    private final NlsqlConnection connection;
    /** Non-null on SQLite with a scratch database attached. */
    private final SqliteScratchMetaData sqliteScratch;

    public NlsqlDatabaseMetaData(NlsqlConnection connection, DatabaseMetaData raw) {
        super(raw);
        this.connection = connection;
        String scratch = connection.session() == null ? null : connection.session().scratchSchema();
        this.sqliteScratch = scratch != null && connection.backend() != null
                && connection.backend().engine() == Engine.SQLITE ? new SqliteScratchMetaData(scratch) : null;
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

    /** For a table of the scratch schema on SQLite, its key columns (xerial finds main's tables only); else the target's answer. */
    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        if (sqliteScratch == null || !sqliteScratch.isScratch(schema)) {
            return super.getPrimaryKeys(catalog, schema, table);
        }
        connection.checkOpen();
        return wrapMetaResult(sqliteScratch.primaryKeys(connection.raw(), table));
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
