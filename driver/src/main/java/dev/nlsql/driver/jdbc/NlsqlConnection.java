package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.driver.pipeline.Plan;
import dev.nlsql.driver.pipeline.StatementPipeline;
import dev.nlsql.policy.PolicyMode;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The {@link Connection} nlsql hands out. Statements it creates are nlsql wrappers whose every
 * execution path goes through the connection's {@link StatementPipeline}; {@code prepareStatement},
 * {@code prepareCall} and {@code nativeSQL} police their SQL here. Everything else passes
 * through to the target connection, except: {@code setReadOnly} is ignored outside audit mode
 * (the source is read-only at the engine; writes go to scratch), {@code close} closes the
 * wrappers (which appends their pending provenance records) then the target, and any use after
 * close fails with SQLState 08003.
 */
public class NlsqlConnection extends DelegatingConnection {

    private final NlsqlConfig config;
    private final Backend backend;
    private final BackendSession session;
    private final StatementPipeline pipeline;
    private final String targetUrl;
    private volatile String clientUrl;
    private volatile boolean engineReadOnly;
    private final Set<NlsqlStatement<?>> statements = ConcurrentHashMap.newKeySet();
    private volatile NlsqlDatabaseMetaData metaData;
    private volatile boolean closed;

    /**
     * @param raw the target connection (owned from now on)
     * @param targetUrl the target URL as opened (for diagnostics)
     */
    public NlsqlConnection(Connection raw, NlsqlConfig config, Backend backend, BackendSession session,
            StatementPipeline pipeline, String targetUrl) {
        super(raw);
        this.config = config;
        this.backend = backend;
        this.session = session;
        this.pipeline = pipeline;
        this.targetUrl = targetUrl;
    }

    /** The connection's pipeline. */
    public StatementPipeline pipeline() {
        return pipeline;
    }

    public NlsqlConfig config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    /** Where scratch and source live ({@code scratchSchema} null: no scratch). */
    public BackendSession session() {
        return session;
    }

    /** The {@code jdbc:nlsql:} URL the client connected with (what {@code DatabaseMetaData.getURL()} answers). */
    public String clientUrl() {
        return clientUrl;
    }

    /**
     * Whether the engine itself refuses writes to the source on this connection (false in audit
     * mode, for in-memory H2/SQLite/DuckDB sources, the generic backend, SQL Server, and an H2
     * database this JVM already had open read-write).
     */
    public boolean engineReadOnly() {
        return engineReadOnly;
    }

    /** Called by the driver. */
    public void engineReadOnly(boolean value) {
        engineReadOnly = value;
    }

    /** Sets the URL reported by {@code DatabaseMetaData.getURL()}; called by the driver. */
    public void clientUrl(String url) {
        this.clientUrl = url;
    }

    /** The target URL as opened (read-only options added, dangerous ones removed). */
    public String targetUrl() {
        return targetUrl;
    }

    Connection raw() {
        return delegate;
    }

    void register(NlsqlStatement<?> s) {
        statements.add(s);
    }

    void forget(NlsqlStatement<?> s) {
        statements.remove(s);
    }

    private interface Wrap<R extends Statement, S extends NlsqlStatement<?>> {
        S wrap(R raw) throws SQLException;
    }

    /** Wraps and tracks a new target statement; closes it if wrapping fails (nothing leaks). */
    private <R extends Statement, S extends NlsqlStatement<?>> S track(R raw, Wrap<R, S> wrap) throws SQLException {
        try {
            S s = wrap.wrap(raw);
            statements.add(s);
            return s;
        } catch (SQLException | RuntimeException e) {
            try {
                raw.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private Statement plain(Statement raw) throws SQLException {
        return track(raw, r -> new NlsqlStatement<>(this, r));
    }

    @Override
    public Statement createStatement() throws SQLException {
        return plain(delegate.createStatement());
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return plain(delegate.createStatement(resultSetType, resultSetConcurrency));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int holdability) throws SQLException {
        return plain(delegate.createStatement(resultSetType, resultSetConcurrency, holdability));
    }

    private interface Preparer<T> {
        T prepare(String sql) throws SQLException;
    }

    private PreparedStatement prepared(String sql, Preparer<PreparedStatement> p) throws SQLException {
        checkOpen();
        if (pipeline.isQuestion(sql)) {
            // translated at each execution, with the values bound to its ? markers
            return track(ParameterCollector.create(), r -> new NlsqlPreparedStatement<>(this, r, null, sql));
        }
        Plan plan = pipeline.plan(sql);
        return track(p.prepare(plan.sql()), r -> new NlsqlPreparedStatement<>(this, r, plan));
    }

    private CallableStatement callable(String sql, Preparer<CallableStatement> p) throws SQLException {
        checkOpen();
        Plan plan = pipeline.planCall(sql);
        return track(p.prepare(plan.sql()), r -> new NlsqlCallableStatement(this, r, plan));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepared(sql, s -> delegate.prepareStatement(s));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return prepared(sql, s -> delegate.prepareStatement(s, resultSetType, resultSetConcurrency));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency, int holdability)
            throws SQLException {
        return prepared(sql, s -> delegate.prepareStatement(s, resultSetType, resultSetConcurrency, holdability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepared(sql, s -> delegate.prepareStatement(s, autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepared(sql, s -> delegate.prepareStatement(s, columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepared(sql, s -> delegate.prepareStatement(s, columnNames));
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return callable(sql, s -> delegate.prepareCall(s));
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return callable(sql, s -> delegate.prepareCall(s, resultSetType, resultSetConcurrency));
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency, int holdability)
            throws SQLException {
        return callable(sql, s -> delegate.prepareCall(s, resultSetType, resultSetConcurrency, holdability));
    }

    /** Polices {@code sql} (a refusal throws), then returns the target's native form of the policed SQL. */
    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return delegate.nativeSQL(pipeline.plan(sql).sql());
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        NlsqlDatabaseMetaData md = metaData;
        if (md == null) {
            md = new NlsqlDatabaseMetaData(this, delegate.getMetaData());
            metaData = md;
        }
        return md;
    }

    /** Passed through in audit mode; ignored otherwise (the source stays read-only, scratch stays writable). */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (config.policyMode() == PolicyMode.AUDIT) {
            delegate.setReadOnly(readOnly);
        }
    }

    /** Closes every open statement of this connection (appending pending records), then the target connection. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        SQLException first = closeStatements();
        Connection raw = delegate;
        delegate = Closed.CONNECTION;
        try {
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
    public void abort(Executor executor) throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        Connection raw = delegate;
        delegate = Closed.CONNECTION;
        closeStatements();
        raw.abort(executor);
    }

    private SQLException closeStatements() {
        SQLException first = null;
        List<NlsqlStatement<?>> open = new ArrayList<>(statements);
        statements.clear();
        for (NlsqlStatement<?> s : open) {
            try {
                s.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed || delegate.isClosed();
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Closed.error("connection");
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        return Unwrapping.unwrap(this, delegate, iface, config.vendorUnwrapAllowed());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return Unwrapping.isWrapperFor(this, delegate, iface, config.vendorUnwrapAllowed());
    }

    @Override
    public String toString() {
        return "nlsql connection to " + dev.nlsql.driver.NlsqlUrl.redact(targetUrl);
    }
}
