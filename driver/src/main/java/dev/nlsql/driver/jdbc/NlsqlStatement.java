package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.SqlStates;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.pipeline.Execution;
import dev.nlsql.driver.pipeline.Plan;
import dev.nlsql.driver.pipeline.QueryWatchdog;
import dev.nlsql.driver.pipeline.StatementPipeline;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Statement} nlsql hands out. Every {@code execute*}, {@code executeQuery},
 * {@code executeUpdate}, {@code executeLarge*} and {@code addBatch} sends its text through the
 * connection's {@link StatementPipeline} (classify → translate → police), executes the policed
 * SQL under the statement timeout, and records the execution. Result sets are nlsql wrappers
 * whose {@code getStatement()} is this statement. {@code nlsql.timeout.seconds} and
 * {@code nlsql.maxRows} are applied at creation; the caller's own {@code setQueryTimeout} /
 * {@code setMaxRows} replace them.
 *
 * @param <D> the target driver's statement type
 */
public class NlsqlStatement<D extends Statement> extends DelegatingStatement<D> implements QueryWatchdog.Watched,
        RecordedStatement {

    protected final NlsqlConnection connection;
    protected final StatementPipeline pipeline;
    private final boolean watchdog;
    private int timeoutSeconds;
    /** The row limit in force (caller's or nlsql.maxRows), tracked here as some drivers do not keep it. */
    private long maxRows;
    private volatile long deadline;
    private volatile boolean cancelledByTimeout;
    /**
     * Makes the watchdog's cancel and the end of an execution mutually exclusive: SQLite's
     * cancel interrupts the whole connection, so a cancel that lands after the execution ended
     * would hit the caller's next statement.
     */
    private final Object cancelLock = new Object();
    private boolean closed;
    /** The execution whose result set has not been fetched yet (after {@code execute}). */
    private Execution pending;
    private volatile String lastProvenanceId;
    private NlsqlResultSet current;
    /** The target statement that ran a translated (parameterised) statement, else null. */
    private PreparedStatement translated;
    private List<Plan> batch;

    protected NlsqlStatement(NlsqlConnection connection, D delegate) throws SQLException {
        super(delegate);
        this.connection = connection;
        this.pipeline = connection.pipeline();
        NlsqlConfig config = connection.config();
        Backend backend = connection.backend();
        timeoutSeconds = config.timeoutSeconds();
        watchdog = !backend.nativeQueryTimeout();
        if (timeoutSeconds > 0 && !watchdog) {
            delegate.setQueryTimeout(timeoutSeconds);
        }
        maxRows = config.maxRows();
        if (maxRows > 0) {
            delegate.setMaxRows(config.maxRows());
        }
        if (watchdog) {
            QueryWatchdog.get().watch(this);
        }
    }

    // ---- the execute paths -------------------------------------------------------------

    /** One target call that may throw. */
    protected interface TargetCall<T> {
        T call() throws SQLException;
    }

    /**
     * Runs {@code call} on the target under the timeout, routing scratch writes through the
     * backend, recording a failure in {@code ex}. Timeouts become {@link SqlStates#timedOut}.
     */
    protected final <T> T run(boolean scratchWrite, Execution ex, TargetCall<T> call) throws SQLException {
        finishPending();
        closeCurrent();
        lastProvenanceId = ex == null ? null : ex.id();
        if (ex != null) {
            ex.started();
        }
        if (watchdog && timeoutSeconds > 0) {
            cancelledByTimeout = false;
            deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        }
        try {
            T result = scratchWrite
                    ? connection.backend().runScratchWrite(connection.raw(), connection.config(), call::call)
                    : call.call();
            if (ex != null) {
                ex.executed();
            }
            if (scratchWrite) {
                pipeline.refreshScratch();
            }
            return result;
        } catch (SQLException e) {
            SQLException thrown = e;
            if (cancelledByTimeout) {
                cancelledByTimeout = false;
                thrown = SqlStates.timedOut(timeoutSeconds, e);
            }
            if (ex != null) {
                ex.failed(thrown);
            }
            throw thrown;
        } finally {
            if (watchdog) {
                synchronized (cancelLock) {
                    deadline = 0;
                }
            }
        }
    }

    /** The target statement to run {@code plan} on: this one, or a prepared one for bound translation parameters. */
    private Statement target(Plan plan) throws SQLException {
        if (translated != null) {
            translated.close();
            translated = null;
        }
        if (plan.parameters().isEmpty()) {
            return delegate;
        }
        return prepareTranslated(plan);
    }

    /**
     * Prepares {@code plan}'s SQL on the target connection with its parameters bound, the
     * statement's timeout and row limit copied, and makes it the {@link #active()} statement
     * (replacing, and closing, the previous one).
     */
    protected final PreparedStatement prepareTranslated(Plan plan) throws SQLException {
        if (translated != null) {
            translated.close();
            translated = null;
        }
        PreparedStatement ps = connection.raw().prepareStatement(plan.sql());
        if (!watchdog) {
            ps.setQueryTimeout(timeoutSeconds);
        }
        if (maxRows > 0 && maxRows <= Integer.MAX_VALUE) {
            ps.setMaxRows((int) maxRows);
        }
        List<Object> params = plan.parameters();
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        translated = ps;
        return ps;
    }

    /** The target statement that ran the last execution. */
    protected Statement active() {
        return translated != null ? translated : delegate;
    }

    private interface SqlCall<T> {
        T call(Statement target, String sql) throws SQLException;
    }

    /** For {@code EXPLAIN ASK}: the translate stage's result, recorded like a query, nothing executed. */
    protected final ResultSet explainResult(Plan plan) throws SQLException {
        Execution ex = pipeline.begin(plan);
        ResultSet rs = run(false, ex, () -> plan.explain().toResultSet());
        return wrapResult(rs, ex);
    }

    static SQLException explainIsAQuery() {
        return new SQLException("EXPLAIN ASK returns a result set: use executeQuery or execute", SqlStates.SYNTAX_ERROR);
    }

    private ResultSet query(String sql, SqlCall<ResultSet> call) throws SQLException {
        checkOpen();
        lastProvenanceId = null;
        Plan plan = pipeline.plan(sql);
        if (plan.explain() != null) {
            return explainResult(plan);
        }
        Execution ex = pipeline.begin(plan);
        Statement t = target(plan);
        ResultSet rs = run(plan.scratchWrite(), ex, () -> t == delegate ? call.call(t, plan.sql())
                : ((PreparedStatement) t).executeQuery());
        return wrapResult(rs, ex);
    }

    private boolean exec(String sql, SqlCall<Boolean> call) throws SQLException {
        checkOpen();
        lastProvenanceId = null;
        Plan plan = pipeline.plan(sql);
        if (plan.explain() != null) {
            explainResult(plan);
            return true;
        }
        Execution ex = pipeline.begin(plan);
        Statement t = target(plan);
        boolean hasResult = run(plan.scratchWrite(), ex, () -> t == delegate ? call.call(t, plan.sql())
                : ((PreparedStatement) t).execute());
        afterExecute(hasResult, ex);
        return hasResult;
    }

    /**
     * After {@code execute}: the execution stays pending; a result set is recorded when fetched
     * and closed, an update count when the client reads it (some drivers, DuckDB's, hand it out
     * only once, so nlsql never reads it first), else at the next execution or close.
     */
    protected final void afterExecute(boolean hasResult, Execution ex) {
        if (ex == null) {
            return;
        }
        if (!hasResult) {
            ex.updateCountUnknown();
        }
        pending = ex;
    }

    private long update(String sql, SqlCall<Long> call) throws SQLException {
        checkOpen();
        lastProvenanceId = null;
        Plan plan = pipeline.plan(sql);
        if (plan.explain() != null) {
            throw explainIsAQuery();
        }
        Execution ex = pipeline.begin(plan);
        Statement t = target(plan);
        long n = run(plan.scratchWrite(), ex, () -> t == delegate ? call.call(t, plan.sql())
                : (long) ((PreparedStatement) t).executeUpdate());
        if (ex != null) {
            ex.updated(n);
        }
        return n;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return query(sql, Statement::executeQuery);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return exec(sql, Statement::execute);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return exec(sql, (t, s) -> t.execute(s, autoGeneratedKeys));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return exec(sql, (t, s) -> t.execute(s, columnIndexes));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return exec(sql, (t, s) -> t.execute(s, columnNames));
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) update(sql, (t, s) -> (long) t.executeUpdate(s));
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) update(sql, (t, s) -> (long) t.executeUpdate(s, autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return (int) update(sql, (t, s) -> (long) t.executeUpdate(s, columnIndexes));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return (int) update(sql, (t, s) -> (long) t.executeUpdate(s, columnNames));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(sql, Statement::executeLargeUpdate);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update(sql, (t, s) -> t.executeLargeUpdate(s, autoGeneratedKeys));
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return update(sql, (t, s) -> t.executeLargeUpdate(s, columnIndexes));
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return update(sql, (t, s) -> t.executeLargeUpdate(s, columnNames));
    }

    // ---- batches -----------------------------------------------------------------------

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        lastProvenanceId = null;
        Plan plan = pipeline.plan(sql);
        if (!plan.parameters().isEmpty() || plan.explain() != null) {
            throw new SQLException("a question with bound values cannot be batched; execute it on its own",
                    SqlStates.SYNTAX_ERROR);
        }
        delegate.addBatch(plan.sql());
        if (batch == null) {
            batch = new ArrayList<>();
        }
        batch.add(plan);
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate.clearBatch();
        batch = null;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] n = runBatch(false);
        int[] out = new int[n.length];
        for (int i = 0; i < n.length; i++) {
            out[i] = (int) n[i];
        }
        return out;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return runBatch(true);
    }

    private long[] runBatch(boolean large) throws SQLException {
        checkOpen();
        List<Plan> plans = batch == null ? List.of() : batch;
        batch = null;
        List<Execution> exs = new ArrayList<>(plans.size());
        boolean scratch = false;
        for (Plan p : plans) {
            scratch |= p.scratchWrite();
            Execution e = pipeline.begin(p);
            if (e != null) {
                exs.add(e);
            }
        }
        long[] counts;
        try {
            counts = run(scratch, null, () -> large ? delegate.executeLargeBatch() : toLong(delegate.executeBatch()));
        } catch (SQLException e) {
            long[] partial = e instanceof BatchUpdateException bue ? bue.getLargeUpdateCounts() : null;
            for (int i = 0; i < exs.size(); i++) {
                if (partial != null && i < partial.length && partial[i] >= 0) {
                    exs.get(i).updated(partial[i]);
                } else {
                    exs.get(i).failed(e);
                }
            }
            throw e;
        }
        for (int i = 0; i < exs.size(); i++) {
            exs.get(i).executed();
            exs.get(i).updated(i < counts.length ? counts[i] : -1);
        }
        return counts;
    }

    static long[] toLong(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }

    // ---- results -----------------------------------------------------------------------

    /** Wraps a result of an execution, making it the current result. */
    protected final ResultSet wrapResult(ResultSet raw, Execution ex) throws SQLException {
        if (raw == null) {
            return null;
        }
        if (ex != null) {
            ex.resultSet(raw);
        }
        long limit = connection.backend().nativeMaxRows() ? 0 : maxRows;
        NlsqlResultSet w = new NlsqlResultSet(this, raw, ex, connection.config().vendorUnwrapAllowed(), limit);
        current = w;
        return w;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        NlsqlResultSet c = current;
        if (c != null && !c.isClosedWrapper()) {
            return c;
        }
        ResultSet raw = active().getResultSet();
        if (raw == null) {
            return null;
        }
        Execution ex = pending;
        pending = null;
        return wrapResult(raw, ex);
    }

    @Override
    public int getUpdateCount() throws SQLException {
        int n = active().getUpdateCount();
        recordUpdateCount(n);
        return n;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        long n = active().getLargeUpdateCount();
        recordUpdateCount(n);
        return n;
    }

    private void recordUpdateCount(long n) throws SQLException {
        Execution p = pending;
        if (p != null && n >= 0) {
            pending = null;
            p.updated(n);
        }
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        finishPending();
        closeCurrent();
        return active().getMoreResults();
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        finishPending();
        if (current != Statement.KEEP_CURRENT_RESULT) {
            closeCurrent();
        }
        return active().getMoreResults(current);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        ResultSet raw = active().getGeneratedKeys();
        return raw == null ? null : new NlsqlResultSet(this, raw, null, connection.config().vendorUnwrapAllowed());
    }

    /** Appends the record of an execution whose result set the client never fetched. */
    private void finishPending() throws SQLException {
        Execution p = pending;
        if (p != null) {
            pending = null;
            p.finish();
        }
    }

    private void closeCurrent() throws SQLException {
        NlsqlResultSet c = current;
        if (c != null) {
            current = null;
            c.closeRecordOnly();
        }
    }

    void resultClosed(NlsqlResultSet rs) {
        if (current == rs) {
            current = null;
        }
    }

    // ---- timeouts ----------------------------------------------------------------------

    /** Passed to the target, and (engines without a working native timeout) to nlsql's watchdog. */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        delegate.setQueryTimeout(seconds);
        timeoutSeconds = seconds;
    }

    /** The timeout in force: the caller's, else {@code nlsql.timeout.seconds}. */
    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return watchdog ? timeoutSeconds : delegate.getQueryTimeout();
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        delegate.setMaxRows(max);
        maxRows = max;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        delegate.setLargeMaxRows(max);
        maxRows = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return connection.backend().nativeMaxRows() ? delegate.getMaxRows() : (int) Math.min(Integer.MAX_VALUE, maxRows);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return connection.backend().nativeMaxRows() ? delegate.getLargeMaxRows() : maxRows;
    }

    /** Cancels the running execution on the target statement that runs it. */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        active().cancel();
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }

    @Override
    public void cancelForTimeout() {
        synchronized (cancelLock) {
            if (deadline == 0) {
                return;
            }
            cancelledByTimeout = true;
            try {
                active().cancel();
            } catch (SQLException e) {
                // nothing running any more
            }
        }
    }

    // ---- identity, close, unwrap -------------------------------------------------------

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        if (watchdog) {
            QueryWatchdog.get().unwatch(this);
        }
        connection.forget(this);
        SQLException first = null;
        try {
            finishPending();
            closeCurrent();
        } catch (SQLException e) {
            first = e;
        }
        D raw = delegate;
        delegate = (D) Closed.STATEMENT;
        try {
            if (translated != null) {
                translated.close();
                translated = null;
            }
            raw.close();
        } catch (SQLException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed || delegate.isClosed();
    }

    protected final void checkOpen() throws SQLException {
        if (closed) {
            throw Closed.error("statement");
        }
    }

    @Override
    public String lastProvenanceId() {
        return lastProvenanceId;
    }

    /** Forgets the last record id before a statement is planned (a refusal leaves none). */
    protected final void clearLastProvenanceId() {
        lastProvenanceId = null;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        return Unwrapping.unwrap(this, delegate, iface, connection.config().vendorUnwrapAllowed());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return Unwrapping.isWrapperFor(this, delegate, iface, connection.config().vendorUnwrapAllowed());
    }
}
