package dev.nlsql.nl;

import dev.nlsql.model.ExecutionGuidedSelection.Probe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Probes a validated candidate for {@link dev.nlsql.model.ExecutionGuidedSelection}: prepares its
 * SQL on the target connection, binds its parameters, reads at most one row
 * ({@code setMaxRows(1)}) and reports {@link Probe#ROWS}, {@link Probe#EMPTY} or
 * {@link Probe#FAILED} (a database error). Only SQL that {@link SqlValidator} accepted (one
 * SELECT the connection's {@code StatementPolicy} allows as a query) is ever given to it.
 *
 * <p>Time limit: {@code timeoutMs} per probe, set as the JDBC query timeout (rounded up to whole
 * seconds) and enforced by {@link java.sql.Statement#cancel()} from a timer thread, since some
 * drivers (xerial SQLite) do not stop a running query on their own timeout; a probe that runs
 * past it is {@link Probe#UNKNOWN} (the selection then takes that candidate). Inside the
 * caller's transaction (auto-commit off) each probe runs under a savepoint that is rolled back
 * after a failure, so a failing candidate does not abort the caller's transaction (PostgreSQL);
 * where no savepoint can be set the probe is {@link Probe#UNKNOWN} and nothing runs.
 *
 * <p>Cost: the database evaluates the candidate's query (for aggregates and ORDER BY the whole
 * query) once more than the driver's own execution of the chosen SQL, plus once per candidate
 * rejected before it; the chosen translation is cached, so repeated questions pay nothing.
 */
final class JdbcCandidateProbe {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Connection connection;
    private final long timeoutMs;

    /**
     * @param connection the target connection (not closed here)
     * @param timeoutMs time limit per probe, milliseconds, at least 1
     */
    JdbcCandidateProbe(Connection connection, long timeoutMs) {
        this.connection = connection;
        this.timeoutMs = Math.max(1, timeoutMs);
    }

    /**
     * Runs one candidate far enough to tell whether it returns a row.
     *
     * @param sql the validated SQL with {@code ?} markers, in the target's dialect
     * @param parameters its parameters in marker order
     * @return what it showed (never throws for database errors)
     */
    Probe probe(String sql, List<NlParameter> parameters) {
        Savepoint savepoint;
        try {
            savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        } catch (SQLException | RuntimeException e) {
            return Probe.UNKNOWN;
        }
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setMaxRows(1);
            try {
                ps.setQueryTimeout((int) Math.max(1, (timeoutMs + 999) / 1000));
            } catch (SQLException | RuntimeException e) {
                // a driver without query timeouts is still cancelled by the timer
            }
            for (NlParameter p : parameters) {
                p.bind(ps);
            }
            ScheduledFuture<?> cancel = TIMER.schedule(() -> {
                timedOut.set(true);
                try {
                    ps.cancel();
                } catch (SQLException | RuntimeException ignored) {
                    // already finished
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
            Probe result;
            try (ResultSet rs = ps.executeQuery()) {
                result = rs.next() ? Probe.ROWS : Probe.EMPTY;
            } finally {
                cancel.cancel(false);
            }
            release(savepoint);
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(savepoint);
            return timedOut.get() || "57014".equals(sqlState(e)) || e instanceof java.sql.SQLTimeoutException
                    ? Probe.UNKNOWN : Probe.FAILED;
        }
    }

    private static String sqlState(Exception e) {
        return e instanceof SQLException s ? s.getSQLState() : null;
    }

    private void release(Savepoint savepoint) {
        if (savepoint != null) {
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException ignored) {
                // some drivers release savepoints implicitly
            }
        }
    }

    private void rollback(Savepoint savepoint) {
        if (savepoint != null) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException | RuntimeException ignored) {
                // nothing more to undo
            }
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "nlsql-nl-probe-timeout");
            th.setDaemon(true);
            return th;
        });
        // the thread ends when idle, so an unloaded driver class loader is not kept alive
        t.setKeepAliveTime(10, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
