package dev.nlsql.bench;

import dev.nlsql.provenance.CanonicalResultDigest;
import dev.nlsql.provenance.ProvenanceIds;
import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Provenance costs, each against its baseline in the same run:
 * <ul>
 * <li>{@code append*}: latency an async append adds on the caller's thread (sample mode: p50,
 *     p99), building a record with a fresh id included; {@code buildRecord} is that part alone.
 *     The queue is large enough not to fill during an iteration, so this is the caller's cost
 *     while the writer keeps up (when it does not, callers block: see {@code sustained}).</li>
 * <li>{@code sustained}: records per second through the embedded H2 store end to end (append
 *     10,000 records, flush: committed), reported per record.</li>
 * <li>{@code digestRow}: one 2-column row through {@link CanonicalResultDigest} (both digests);
 *     {@code digestRowUnordered}: the order-insensitive digest alone.</li>
 * <li>{@code scanRaw} / {@code scanHashed}: a 1M-row, 2-column scan (SQLite file, H2 in memory),
 *     reading every value with {@code getObject}, without and with result hashing (both digests,
 *     and the order-insensitive one alone, as for a query without ORDER BY).</li>
 * </ul>
 * Run: {@code java -cp ... org.openjdk.jmh.Main ProvenanceBench}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class ProvenanceBench {

    static ProvenanceRecord template() {
        return ProvenanceRecord.builder().time(Instant.now()).user("bench").targetUrl("jdbc:sqlite:/data/Chinook.sqlite")
                .statement("SELECT Name FROM Track WHERE TrackId = ?").sql("SELECT Name FROM Track WHERE TrackId = ?")
                .parameters(List.of(new ProvenanceRecord.Parameter(1, "INTEGER", "42"))).decision("allowed")
                .rule("read-only").schemaHash("a".repeat(64)).columns(List.of(new ProvenanceRecord.Column("Name", "VARCHAR")))
                .rowCount(1).resultHashOrdered("b".repeat(64)).resultHashUnordered("c".repeat(64)).complete(true)
                .timings(new ProvenanceRecord.Timings(0.01, 0, 0.05, 0.01)).build();
    }

    /** A record like {@code t} with a fresh id and time: what the driver builds per statement. */
    static ProvenanceRecord fresh(ProvenanceRecord t) {
        return new ProvenanceRecord(ProvenanceIds.next(), Instant.now(), t.user(), t.targetUrl(), t.statement(),
                t.question(), t.placeholders(), t.sql(), t.parameters(), t.decision(), t.rule(), t.sqlState(), t.error(),
                t.schemaHash(), t.scratch(), t.model(), t.columns(), t.rowCount(), t.resultHashOrdered(),
                t.resultHashUnordered(), t.complete(), t.timings());
    }

    /** An embedded store in a fresh folder. */
    @State(Scope.Benchmark)
    public static class Store {
        ProvenanceStore store;
        ProvenanceRecord template = template();
        Path home;

        @Setup(Level.Trial)
        public void open() throws Exception {
            home = Files.createTempDirectory("nlsql-bench");
            Properties p = new Properties();
            p.setProperty(StoreOptions.HOME, home.toString());
            p.setProperty(StoreOptions.QUEUE, "4000000");
            p.setProperty(StoreOptions.BATCH, "1024");
            store = ProvenanceStores.open(p);
        }

        @TearDown(Level.Iteration)
        public void drain() throws SQLException {
            store.flush(); // the writer catches up between iterations
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            store.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Measurement(iterations = 3, time = 1)
    public void appendAsync(Store s) throws SQLException {
        s.store.append(fresh(s.template));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ProvenanceRecord buildRecord(Store s) {
        return fresh(s.template);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(10_000)
    public void sustained(Store s) throws SQLException {
        for (int i = 0; i < 10_000; i++) {
            s.store.append(fresh(s.template));
        }
        s.store.flush();
    }

    /** Values of a 2-column row. */
    @State(Scope.Thread)
    public static class Row {
        CanonicalResultDigest digest = new CanonicalResultDigest();
        Integer id = 123456;
        String name = "For Those About To Rock (We Salute You)";
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void digestRow(Row r) {
        r.digest.beginRow();
        r.digest.add(r.id);
        r.digest.add(r.name);
        r.digest.endRow();
    }

    /** A table of 1M rows (id INTEGER, name VARCHAR). */
    @State(Scope.Benchmark)
    public static class Scan {
        @Param({"sqlite", "h2"})
        String engine;

        Connection connection;

        @Setup(Level.Trial)
        public void create() throws Exception {
            if (engine.equals("sqlite")) {
                Path f = Files.createTempFile("nlsql-scan", ".sqlite");
                connection = DriverManager.getConnection("jdbc:sqlite:" + f);
            } else {
                connection = DriverManager.getConnection("jdbc:h2:mem:scan;DB_CLOSE_DELAY=-1");
            }
            try (Statement st = connection.createStatement()) {
                st.execute("DROP TABLE IF EXISTS t");
                st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(40))");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 1; i <= 1_000_000; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "track name " + i);
                    ps.addBatch();
                    if (i % 10_000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long scanRaw(Scan s, Blackhole bh) throws SQLException {
        long n = 0;
        try (Statement st = s.connection.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM t")) {
            while (rs.next()) {
                bh.consume(rs.getObject(1));
                bh.consume(rs.getObject(2));
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public String scanHashed(Scan s, Blackhole bh) throws SQLException {
        CanonicalResultDigest d = new CanonicalResultDigest();
        try (Statement st = s.connection.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM t")) {
            while (rs.next()) {
                Object a = rs.getObject(1);
                Object b = rs.getObject(2);
                d.beginRow();
                d.add(a);
                d.add(b);
                d.endRow();
                bh.consume(a);
                bh.consume(b);
            }
        }
        return d.orderedHex() + d.unorderedHex();
    }


    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public String scanHashedUnordered(Scan s, Blackhole bh) throws SQLException {
        CanonicalResultDigest d = new CanonicalResultDigest(false);
        try (Statement st = s.connection.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM t")) {
            while (rs.next()) {
                Object a = rs.getObject(1);
                Object b = rs.getObject(2);
                d.beginRow();
                d.add(a);
                d.add(b);
                d.endRow();
                bh.consume(a);
                bh.consume(b);
            }
        }
        return d.unorderedHex();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void digestRowUnordered(UnorderedRow r) {
        r.digest.beginRow();
        r.digest.add(r.id);
        r.digest.add(r.name);
        r.digest.endRow();
    }

    /** A 2-column row for the order-insensitive digest alone. */
    @State(Scope.Thread)
    public static class UnorderedRow {
        CanonicalResultDigest digest = new CanonicalResultDigest(false);
        Integer id = 123456;
        String name = "For Those About To Rock (We Salute You)";
    }
}
