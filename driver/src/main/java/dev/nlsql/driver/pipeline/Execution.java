package dev.nlsql.driver.pipeline;

import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.ResultDigest;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The record stage for one execution of a {@link Plan}: collects timings, bound parameters,
 * result columns and (streaming, as the client calls {@code next()}) the row digest, then
 * appends exactly one {@link ProvenanceRecord} in {@link #finish()}. Exists only while a
 * provenance store is configured. Not thread-safe: one per execution.
 */
public final class Execution {

    private final StatementPipeline pipeline;
    private final Plan plan;
    private final String id = Ids.next();
    private final Instant time = Instant.now();
    private final long created = System.nanoTime();
    private long started;
    private double executeMs;
    private long executed;
    private List<ProvenanceRecord.Parameter> parameters = List.of();
    private List<ProvenanceRecord.Column> columns = List.of();
    private ResultDigest digest;
    private int columnCount;
    /** Columns of earlier executions of the same prepared statement, or null: read them every time. */
    private ColumnCache columnCache;
    /** The current row's values as fetched for the digest (reused row to row). */
    private Object[] values;
    private long rows;
    private boolean complete;
    private String sqlState;
    private String error;
    private boolean finished;

    Execution(StatementPipeline pipeline, Plan plan) {
        this.pipeline = pipeline;
        this.plan = plan;
        this.started = created;
        // a translated question binds its placeholders' values itself (also through a plain Statement)
        this.parameters = parametersOf(plan.parameters());
    }

    /**
     * Record entries for values bound by position: index from 1, type the value's Java class
     * simple name ({@code NULL} for null), value as {@code String.valueOf}.
     */
    public static List<ProvenanceRecord.Parameter> parametersOf(List<Object> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<ProvenanceRecord.Parameter> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            out.add(new ProvenanceRecord.Parameter(i + 1, v == null ? "NULL" : v.getClass().getSimpleName(),
                    v == null ? null : String.valueOf(v)));
        }
        return out;
    }

    /** Id of the provenance record this execution appends (a time-ordered UUID). */
    public String id() {
        return id;
    }

    /** The bound parameters, in order (replaces those of the plan's translation). */
    public void parameters(List<ProvenanceRecord.Parameter> p) {
        parameters = p;
    }

    /** Marks the start of execution on the target. */
    public void started() {
        started = System.nanoTime();
    }

    /** Marks the end of execution on the target (before fetching). */
    public void executed() {
        executed = System.nanoTime();
        executeMs = (executed - started) / 1e6;
    }

    /** The execution failed; records the error and finishes. */
    public void failed(SQLException e) throws SQLException {
        if (executed == 0) {
            executed();
        }
        sqlState = e.getSQLState();
        error = e.getMessage();
        finish();
    }

    /** A write's update count; finishes. */
    public void updated(long count) throws SQLException {
        rows = count;
        complete = true;
        finish();
    }

    /** The execution produced an update count that nlsql has not seen (yet): row count -1 unless {@link #updated} follows. */
    public void updateCountUnknown() {
        rows = -1;
    }

    /** Reuse (and fill) the columns of a prepared statement's earlier executions ({@link ColumnCache}). */
    public void columnCache(ColumnCache cache) {
        columnCache = cache;
    }

    /** The result set produced: reads its columns (or takes them from the column cache) and starts the digest. */
    public void resultSet(ResultSet raw) throws SQLException {
        rows = 0;
        ResultSetMetaData md = raw.getMetaData();
        columnCount = md.getColumnCount();
        ColumnCache cache = columnCache;
        List<ProvenanceRecord.Column> cols = cache == null ? null : cache.columns;
        if (cols == null || cols.size() != columnCount) {
            cols = columnsOf(md, columnCount);
            if (cache != null) {
                cache.columns = cols;
            }
        }
        columns = cols;
        digest = pipeline.newDigest(plan.ordered());
        values = digest == null ? null : new Object[columnCount];
    }

    /** JDBC type names by {@code java.sql.Types} code (what {@code JDBCType.valueOf(code).getName()} gives). */
    private static final java.util.Map<Integer, String> TYPE_NAMES = typeNames();

    private static java.util.Map<Integer, String> typeNames() {
        java.util.Map<Integer, String> m = new java.util.HashMap<>();
        for (JDBCType t : JDBCType.values()) {
            m.put(t.getVendorTypeNumber(), t.getName());
        }
        return java.util.Map.copyOf(m);
    }

    private static List<ProvenanceRecord.Column> columnsOf(ResultSetMetaData md, int n) throws SQLException {
        List<ProvenanceRecord.Column> cols = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String type = TYPE_NAMES.get(md.getColumnType(i));
            if (type == null) {
                type = md.getColumnTypeName(i);
            }
            cols.add(new ProvenanceRecord.Column(md.getColumnLabel(i), type));
        }
        return List.copyOf(cols);
    }

    /**
     * The cursor of {@code raw} moved to a new row: fetches its values with {@code getObject}
     * and feeds them to the digest.
     *
     * @return the row's values (column 1 at index 0), valid until the next call (the array is
     *     reused); null when results are not hashed
     */
    public Object[] row(ResultSet raw) throws SQLException {
        rows++;
        ResultDigest d = digest;
        Object[] v = values;
        if (d == null || v == null) {
            return null;
        }
        d.beginRow();
        for (int i = 0; i < v.length; i++) {
            Object o = raw.getObject(i + 1);
            v[i] = o;
            d.add(o);
        }
        d.endRow();
        return v;
    }

    /** The cursor moved past the last row. */
    public void end() {
        complete = true;
    }

    /** Builds and appends the record, once; later calls do nothing. */
    public void finish() throws SQLException {
        if (finished) {
            return;
        }
        finished = true;
        long now = System.nanoTime();
        double fetchMs = executed == 0 ? 0 : (now - executed) / 1e6;
        ProvenanceRecord.Builder b = pipeline.baseRecord(id, time, plan.text(), plan.translation())
                .sql(plan.sql())
                .parameters(parameters)
                .decision("allowed")
                .rule(plan.decision().rule())
                .scratch(plan.decision().touchesScratch())
                .sqlState(sqlState)
                .error(error)
                .columns(columns)
                .rowCount(rows)
                .complete(complete && error == null)
                .timings(new ProvenanceRecord.Timings(plan.parseMs(), plan.translateMs(), executeMs, fetchMs));
        ResultDigest d = digest;
        if (d != null) {
            digest = null;
            values = null;
            b.resultHashOrdered(d.orderedHex()).resultHashUnordered(d.unorderedHex());
            pipeline.recycle(d);
        }
        pipeline.append(b.build());
    }

    /** Whether {@link #finish()} ran. */
    public boolean finished() {
        return finished;
    }
}
