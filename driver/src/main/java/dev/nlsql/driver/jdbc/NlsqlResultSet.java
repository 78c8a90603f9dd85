package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.pipeline.Execution;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link ResultSet} nlsql hands out. When the execution is recorded, {@code next()} feeds
 * each row to the result digest as the client reads it (streaming, nothing buffered) and
 * {@code close()} appends the execution's provenance record; otherwise {@code next()} is a
 * plain pass-through. On a forward-only, read-only result the client's common getters are
 * answered from the values fetched for the digest ({@link FetchedRowResultSet}), so each value
 * is read from the target once. {@code getStatement()} returns the nlsql statement (null for
 * results of {@code DatabaseMetaData}, as JDBC allows).
 */
public class NlsqlResultSet extends FetchedRowResultSet {

    private final NlsqlStatement<?> statement;
    private final boolean vendorUnwrap;
    private Execution execution;
    private boolean closed;
    /** Row limit enforced here for drivers that ignore setMaxRows; 0 = none. */
    private final long limit;
    private long seen;
    /** Whether getters may be answered from the digest's fetched values (forward-only, read-only, recorded). */
    private final boolean serveFetched;

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
        this.serveFetched = execution != null && forwardOnlyReadOnly(raw);
    }

    private static boolean forwardOnlyReadOnly(ResultSet raw) {
        try {
            return raw.getType() == ResultSet.TYPE_FORWARD_ONLY && raw.getConcurrency() == ResultSet.CONCUR_READ_ONLY;
        } catch (SQLException | RuntimeException e) {
            return false; // a driver that cannot say: every getter goes to it
        }
    }

    @Override
    public boolean next() throws SQLException {
        fetched(null);
        boolean row = delegate.next();
        if (limit != 0 && row && ++seen > limit) {
            row = false;
        }
        Execution ex = execution;
        if (ex != null) {
            if (row) {
                Object[] values = ex.row(delegate);
                if (serveFetched) {
                    fetched(values);
                }
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
        fetched(null);
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
