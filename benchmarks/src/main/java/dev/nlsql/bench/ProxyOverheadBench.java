package dev.nlsql.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of going through {@code jdbc:nlsql:} instead of the raw driver, measured in the same
 * run: a point SELECT by primary key through a reused PreparedStatement (µs per statement,
 * execute + read one row + close the ResultSet), and a full scan of 1M rows reading every
 * column (ms per scan). {@link RatioReport} prints nlsql / raw for each engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProxyOverheadBench {

    /** Engine: sqlite, h2 (duckdb also works with {@code -p engine=duckdb}). */
    @Param({"sqlite", "h2"})
    public String engine;

    /** raw: the engine's own driver; nlsql: the same database through jdbc:nlsql:. */
    @Param({"raw", "nlsql"})
    public String target;

    /** Connection properties for the nlsql side, {@code k=v;k=v} ("" = the driver's defaults). */
    @Param({""})
    public String nlsqlProps;

    /** Rows in the table. */
    @Param({"1000000"})
    public int rows;

    private BenchDatabase db;
    private Connection conn;
    private PreparedStatement point;
    private int nextId;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = BenchDatabase.create(engine, rows);
        conn = db.open(target, nlsqlProps);
        point = conn.prepareStatement("SELECT v FROM t WHERE id = ?");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        point.close();
        conn.close();
        db.close();
    }

    /** One point SELECT; returns the value read (so JMH keeps it). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String pointSelect() throws SQLException {
        nextId = nextId % rows + 1;
        return pointSelect(point, nextId);
    }

    /** Reads all rows and columns; returns a checksum. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long scan1M() throws SQLException {
        return scan(conn);
    }

    /** Binds {@code id}, executes, reads the one row's value, closes the ResultSet. */
    static String pointSelect(PreparedStatement point, int id) throws SQLException {
        point.setInt(1, id);
        try (ResultSet rs = point.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no row " + id);
            }
            return rs.getString(1);
        }
    }

    /** {@code SELECT id, k, v FROM t}, every column of every row; returns a checksum. */
    static long scan(Connection conn) throws SQLException {
        long sum = 0;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id, k, v FROM t")) {
            while (rs.next()) {
                sum += rs.getLong(1) + rs.getInt(2) + rs.getString(3).length();
            }
        }
        return sum;
    }
}
