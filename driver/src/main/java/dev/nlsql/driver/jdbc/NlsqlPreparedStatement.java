package dev.nlsql.driver.jdbc;

import dev.nlsql.driver.pipeline.Execution;
import dev.nlsql.driver.pipeline.Plan;
import dev.nlsql.provenance.ProvenanceRecord;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link PreparedStatement} nlsql hands out. Its SQL was classified, translated and policed
 * once, when it was prepared ({@link NlsqlConnection#prepareStatement}); the target prepared the
 * policed SQL, so {@code getMetaData()} and {@code getParameterMetaData()} work before execution.
 * Each {@code execute*} and {@code executeBatch} runs under the timeout and is recorded with the
 * bound parameters (captured from the common setters while recording is on).
 *
 * @param <D> the target driver's statement type
 */
public class NlsqlPreparedStatement<D extends PreparedStatement> extends DelegatingPreparedStatement<D> {

    /** The plan of an SQL statement, policed when prepared; null for a question. */
    protected final Plan plan;
    /** Result columns of this statement's executions of {@link #plan}, for their records. */
    private final dev.nlsql.driver.pipeline.ColumnCache columnCache = new dev.nlsql.driver.pipeline.ColumnCache();
    /** The question text when this statement was prepared from a question, else null. */
    private final String question;
    private final Object[][] captured;
    private int batched;
    /** For a question: the plan of the last execution. */
    private Plan lastPlan;

    protected NlsqlPreparedStatement(NlsqlConnection connection, D delegate, Plan plan) throws SQLException {
        this(connection, delegate, plan, null);
    }

    /**
     * @param plan the policed plan of an SQL statement; null when {@code question} is given
     * @param question a question ({@code ASK ... ?}) translated at each execution with the bound
     *     values; {@code delegate} is then a parameter collector, not a target statement
     */
    protected NlsqlPreparedStatement(NlsqlConnection connection, D delegate, Plan plan, String question) throws SQLException {
        super(connection, delegate);
        this.plan = plan;
        this.question = question;
        this.captured = connection.pipeline().recording() && question == null ? new Object[1][] : null;
        if (plan != null) {
            List<Object> params = plan.parameters();
            for (int i = 0; i < params.size(); i++) {
                setObject(i + 1, params.get(i));
            }
        }
    }

    /** The plan this statement was prepared from (for a question: of its last execution, or null). */
    public Plan plan() {
        return plan != null ? plan : lastPlan;
    }

    /** What one execution runs: the prepared plan, or the question translated with the bound values. */
    private Plan planForExecution() throws SQLException {
        clearLastProvenanceId();
        if (plan != null) {
            return plan;
        }
        Plan p = pipeline.planQuestion(question, ParameterCollector.boundValues(delegate));
        if (p.explain() == null) {
            prepareTranslated(p);
        }
        lastPlan = p;
        return p;
    }

    /** The target statement for {@code p}: the prepared one, or the translation's. */
    private PreparedStatement target(Plan p) {
        return p == plan ? delegate : (PreparedStatement) active();
    }

    private Execution begin(Plan p) {
        Execution ex = pipeline.begin(p);
        if (ex != null) {
            ex.parameters(p == plan ? parameters() : translationParameters(p));
            if (p == plan) {
                ex.columnCache(columnCache); // the same target statement each time
            }
        }
        return ex;
    }

    private static List<ProvenanceRecord.Parameter> translationParameters(Plan p) {
        return Execution.parametersOf(p.parameters());
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        checkOpen();
        Plan p = planForExecution();
        if (p.explain() != null) {
            return explainResult(p);
        }
        PreparedStatement t = target(p);
        Execution ex = begin(p);
        return wrapResult(run(p.scratchWrite(), ex, t::executeQuery), ex);
    }

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        Plan p = planForExecution();
        if (p.explain() != null) {
            explainResult(p);
            return true;
        }
        PreparedStatement t = target(p);
        Execution ex = begin(p);
        boolean hasResult = run(p.scratchWrite(), ex, t::execute);
        afterExecute(hasResult, ex);
        return hasResult;
    }

    @Override
    public int executeUpdate() throws SQLException {
        checkOpen();
        Plan p = planForExecution();
        if (p.explain() != null) {
            throw NlsqlStatement.explainIsAQuery();
        }
        PreparedStatement t = target(p);
        Execution ex = begin(p);
        int n = run(p.scratchWrite(), ex, t::executeUpdate);
        if (ex != null) {
            ex.updated(n);
        }
        return n;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        Plan p = planForExecution();
        if (p.explain() != null) {
            throw NlsqlStatement.explainIsAQuery();
        }
        PreparedStatement t = target(p);
        Execution ex = begin(p);
        long n = run(p.scratchWrite(), ex, t::executeLargeUpdate);
        if (ex != null) {
            ex.updated(n);
        }
        return n;
    }

    /**
     * The target's metadata; for a question, that of its last translation, or null before the
     * first execution (unknown until translated, as JDBC allows).
     */
    @Override
    public java.sql.ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        if (plan != null) {
            return delegate.getMetaData();
        }
        return lastPlan == null || lastPlan.explain() != null ? null : ((PreparedStatement) active()).getMetaData();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        delegate.addBatch();
        batched++;
    }

    @Override
    public void clearBatch() throws SQLException {
        super.clearBatch();
        batched = 0;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        if (batched == 0) {
            return super.executeBatch();
        }
        long[] n = runPreparedBatch(false);
        int[] out = new int[n.length];
        for (int i = 0; i < n.length; i++) {
            out[i] = (int) n[i];
        }
        return out;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return batched == 0 ? super.executeLargeBatch() : runPreparedBatch(true);
    }

    private long[] runPreparedBatch(boolean large) throws SQLException {
        checkOpen();
        batched = 0;
        Execution ex = begin(plan);
        long[] counts = run(plan.scratchWrite(), ex,
                () -> large ? delegate.executeLargeBatch() : NlsqlStatement.toLong(delegate.executeBatch()));
        if (ex != null) {
            long sum = 0;
            for (long c : counts) {
                sum += Math.max(c, 0);
            }
            ex.updated(sum);
        }
        return counts;
    }

    // ---- parameter capture for provenance (only while recording) ----------------------

    private void capture(int index, Object value) {
        if (captured == null || index < 1) {
            return;
        }
        Object[] a = captured[0];
        if (a == null || a.length < index) {
            Object[] b = new Object[Math.max(index, a == null ? 4 : a.length * 2)];
            if (a != null) {
                System.arraycopy(a, 0, b, 0, a.length);
            }
            captured[0] = b;
            a = b;
        }
        a[index - 1] = value == null ? NULL : value;
    }

    private static final Object NULL = new Object();

    private List<ProvenanceRecord.Parameter> parameters() {
        Object[] a = captured == null ? null : captured[0];
        if (a == null) {
            return List.of();
        }
        List<ProvenanceRecord.Parameter> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != null) {
                Object v = a[i] == NULL ? null : a[i];
                out.add(new ProvenanceRecord.Parameter(i + 1, v == null ? "NULL" : v.getClass().getSimpleName(),
                        v == null ? null : String.valueOf(v)));
            }
        }
        return out;
    }

    @Override
    public void clearParameters() throws SQLException {
        delegate.clearParameters();
        if (captured != null) {
            captured[0] = null;
        }
    }

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        delegate.setNull(i, sqlType);
        capture(i, null);
    }

    @Override
    public void setBoolean(int i, boolean x) throws SQLException {
        delegate.setBoolean(i, x);
        capture(i, x);
    }

    @Override
    public void setShort(int i, short x) throws SQLException {
        delegate.setShort(i, x);
        capture(i, x);
    }

    @Override
    public void setInt(int i, int x) throws SQLException {
        delegate.setInt(i, x);
        capture(i, x);
    }

    @Override
    public void setLong(int i, long x) throws SQLException {
        delegate.setLong(i, x);
        capture(i, x);
    }

    @Override
    public void setFloat(int i, float x) throws SQLException {
        delegate.setFloat(i, x);
        capture(i, x);
    }

    @Override
    public void setDouble(int i, double x) throws SQLException {
        delegate.setDouble(i, x);
        capture(i, x);
    }

    @Override
    public void setBigDecimal(int i, BigDecimal x) throws SQLException {
        delegate.setBigDecimal(i, x);
        capture(i, x);
    }

    @Override
    public void setString(int i, String x) throws SQLException {
        delegate.setString(i, x);
        capture(i, x);
    }

    @Override
    public void setDate(int i, Date x) throws SQLException {
        delegate.setDate(i, x);
        capture(i, x);
    }

    @Override
    public void setTime(int i, Time x) throws SQLException {
        delegate.setTime(i, x);
        capture(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        delegate.setTimestamp(i, x);
        capture(i, x);
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        delegate.setObject(i, x);
        capture(i, x);
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        delegate.setObject(i, x, targetSqlType);
        capture(i, x);
    }
}
