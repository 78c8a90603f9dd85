package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.pipeline.Execution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link ResultSet} nlsql hands out. When the execution is recorded, {@code next()} feeds
 * each row to the result digest as the client reads it (streaming, nothing buffered) and
 * {@code close()} appends the execution's provenance record; otherwise {@code next()} is a
 * plain pass-through. {@code getStatement()} returns the nlsql statement (null for results of
 * {@code DatabaseMetaData}, as JDBC allows).
 */
public class NlsqlResultSet extends DelegatingResultSet {

    private final NlsqlStatement<?> statement;
    private final boolean vendorUnwrap;
    private Execution execution;
    private boolean closed;
    /** Row limit enforced here for drivers that ignore setMaxRows; 0 = none. */
    private final long limit;
    private long seen;

    /**
     * @param statement the owning nlsql statement, or null for metadata results
     * @param execution the execution to feed and finish, or null when not recorded
     */
    public NlsqlResultSet(NlsqlStatement<?> statement, ResultSet raw, Execution execution, boolean vendorUnwrap) {
        this(statement, raw, execution, vendorUnwrap, 0);
    }

    /** @param limit the most rows {@code next()} moves to (for drivers that ignore setMaxRows); 0 = no limit */
    public NlsqlResultSet(NlsqlStatement<?> statement, ResultSet raw, Execution execution, boolean vendorUnwrap, long limit) {
        super(raw);
        this.statement = statement;
        this.execution = execution;
        this.vendorUnwrap = vendorUnwrap;
        this.limit = limit;
    }

    @Override
    public boolean next() throws SQLException {
        boolean row = delegate.next();
        if (limit != 0 && row && ++seen > limit) {
            row = false;
        }
        Execution ex = execution;
        if (ex != null) {
            if (row) {
                ex.row(delegate);
            } else {
                ex.end();
            }
        }
        return row;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    /** Closes the target result set, then appends the execution's record. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        ResultSet raw = delegate;
        try {
            raw.close();
        } finally {
            closeRecordOnly();
        }
    }

    /** Marks this wrapper closed and appends the record, without touching the target (already closed by its statement). */
    void closeRecordOnly() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        delegate = Closed.RESULT_SET;
        if (statement != null) {
            statement.resultClosed(this);
        }
        Execution ex = execution;
        execution = null;
        if (ex != null) {
            ex.finish();
        }
    }

    boolean isClosedWrapper() {
        return closed;
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed || delegate.isClosed();
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw Closed.error("result set");
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        return Unwrapping.unwrap(this, delegate, iface, vendorUnwrap);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return Unwrapping.isWrapperFor(this, delegate, iface, vendorUnwrap);
    }
}
