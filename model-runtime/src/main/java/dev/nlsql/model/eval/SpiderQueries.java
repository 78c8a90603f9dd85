package dev.nlsql.model.eval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a gold or predicted query on a Spider database for evaluation: binds the parameters with
 * {@code setObject}, reads every row with {@code getObject}, and stops a query that runs too
 * long or returns too many rows. sqlite-jdbc's {@code setQueryTimeout} does not stop a running
 * step, so a watchdog thread calls {@code Statement.cancel()} at the time limit.
 */
public final class SpiderQueries {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nlsql-eval-query-timeout");
        t.setDaemon(true);
        return t;
    });

    private SpiderQueries() {}

    /**
     * @param c an open connection
     * @param sql the query, {@code ?} markers for {@code params}
     * @param params values bound in order
     * @param timeoutMs time limit, ms
     * @param maxRows the most rows read
     * @return the rows, each a list of the column values (column 1 first)
     * @throws SQLException 57014 past the time limit, 54000 over {@code maxRows} rows, or the
     *     engine's own error
     */
    public static List<List<Object>> run(Connection c, String sql, List<Object> params, long timeoutMs, int maxRows)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                try {
                    ps.cancel();
                } catch (SQLException ignored) {
                    // already finished or closed
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
            try {
                return read(ps, params, maxRows);
            } catch (SQLException e) {
                if (watchdog.isDone()) {
                    throw new SQLException("query ran past " + timeoutMs + " ms", "57014", e);
                }
                throw e;
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private static List<List<Object>> read(PreparedStatement ps, List<Object> params, int maxRows) throws SQLException {
        ps.setMaxRows(maxRows + 1);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (rows.size() >= maxRows) {
                    throw new SQLException("more than " + maxRows + " rows", "54000");
                }
                List<Object> row = new ArrayList<>(cols);
                for (int i = 1; i <= cols; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
