package dev.nlsql.driver.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} nlsql hands out: everything passes through to the target's
 * metadata; {@code getConnection()} returns the nlsql connection and every ResultSet is an
 * nlsql wrapper (so no target object leaks through {@code getStatement()} or {@code unwrap}).
 */
public class NlsqlDatabaseMetaData extends DelegatingDatabaseMetaData {

    private final NlsqlConnection connection;

    public NlsqlDatabaseMetaData(NlsqlConnection connection, DatabaseMetaData raw) {
        super(raw);
        this.connection = connection;
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
