package dev.nlsql.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A load-tolerant check of the same ratios as {@link ProxyOverheadBench}, for shared machines
 * where wall-clock JMH scores drift with other processes: raw and nlsql connections to the same
 * database are measured in alternating blocks (ABBA order) on one thread, each block timed by
 * the thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}, ns), so time spent
 * descheduled does not count. Prints the median of the per-pair ratios nlsql / raw and their
 * interquartile range. Embedded engines only (SQLite, H2): their work runs on the calling thread.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.nlsql.bench.PairedCpuOverhead
 * [engines=sqlite,h2] [rows=1000000] [pairs=20] [nlsqlProps=k=v;k=v] [control=true] [shared=false] [client=typed|object] [clock=thread|process]}
 * ({@code control=true}: a second raw connection in nlsql's place, to see the method's own bias;
 * {@code shared=true}, the default: the raw side is the target driver's own connection under
 * the nlsql one ({@code unwrap}, with {@code nlsql.unwrap.vendor=true} added to the nlsql
 * properties), so both sides read through the same native database handle: two sqlite-jdbc
 * connections to the same file can differ by 25-30 % in CPU per scan by themselves (measured:
 * of four connections opened in a row, the second scanned 1.27x slower than the others, run
 * after run), which is the bias {@code control=true} shows; {@code shared=false}: a raw
 * connection of its own, as before; {@code client=object}: the scan's client reads every value with
 * {@code getObject}, as generic tools (DBeaver, BI tools) do, instead of the typed getters;
 * {@code clock=process}: the whole process's CPU time instead of the calling thread's, so work
 * nlsql hands to other threads, such as the provenance store's writer, is counted too, along
 * with GC and JIT threads, which makes it noisier).
 */
public final class PairedCpuOverhead {

    private PairedCpuOverhead() {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws SQLException {
        BenchArgs a = new BenchArgs(args, "engines", "rows", "pairs", "nlsqlProps", "control", "shared", "client", "clock");
        String engines = a.get("engines", "sqlite,h2");
        int rows = a.getInt("rows", 1_000_000);
        int pairs = a.getInt("pairs", 20);
        String props = a.get("nlsqlProps", "nlsql.policy.mode=audit;nlsql.provenance.enabled=false;nlsql.timeout.seconds=0");
        boolean control = a.getBoolean("control", false);
        boolean shared = a.getBoolean("shared", true);
        boolean objectClient = a.get("client", "typed").equals("object");
        String clock = a.get("clock", "thread");
        if (!clock.equals("thread") && !clock.equals("process")) {
            throw new IllegalArgumentException("clock must be thread or process, not " + clock);
        }
        processClock = clock.equals("process");
        shared = shared && !control;
        if (shared) {
            props = props + ";nlsql.unwrap.vendor=true";
        }
        System.out.println("paired CPU-time overhead (" + clock + " CPU time), " + (control ? "CONTROL (raw vs raw)" : "nlsqlProps=" + props)
                + (shared ? ", raw side = the nlsql connection's own target connection" : ", raw side = a connection of its own")
                + ", " + pairs + " ABBA pairs per measure");
        for (String engine : engines.split(",")) {
            try (BenchDatabase db = BenchDatabase.create(engine, rows);
                    Connection nlsql = db.open(control ? "raw" : "nlsql", props);
                    Connection raw = shared ? nlsql.unwrap(vendorConnection(engine)) : db.open("raw", "");
                    PreparedStatement rawPoint = raw.prepareStatement("SELECT v FROM t WHERE id = ?");
                    PreparedStatement nlsqlPoint = nlsql.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                int n = rows;
                int[] next = {0};
                Block rawPoints = () -> points(rawPoint, next, n, 2000);
                Block nlsqlPoints = () -> points(nlsqlPoint, next, n, 2000);
                report(engine, "pointSelect (2000 per block)", rawPoints, nlsqlPoints, pairs, 2000, "statement", 1e3);
                boolean objects = objectClient;
                report(engine, "scan " + rows + " rows" + (objects ? " (getObject)" : ""),
                        () -> objects ? scanObjects(raw) : ProxyOverheadBench.scan(raw),
                        () -> objects ? scanObjects(nlsql) : ProxyOverheadBench.scan(nlsql), Math.max(4, pairs / 4), rows, "row", 1);
            }
        }
    }

    /** The scan as a generic tool reads it: every value with {@code getObject}. */
    private static long scanObjects(Connection conn) throws SQLException {
        long sum = 0;
        try (java.sql.Statement st = conn.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT id, k, v FROM t")) {
            while (rs.next()) {
                sum += rs.getObject(1).hashCode() + rs.getObject(2).hashCode() + rs.getObject(3).hashCode();
            }
        }
        return sum;
    }

    /** The target driver's connection class for {@code unwrap}. */
    private static Class<? extends Connection> vendorConnection(String engine) {
        String name = switch (engine) {
            case "sqlite" -> "org.sqlite.SQLiteConnection";
            case "h2" -> "org.h2.jdbc.JdbcConnection";
            case "duckdb" -> "org.duckdb.DuckDBConnection";
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        try {
            return Class.forName(name).asSubclass(Connection.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not on the class path", e);
        }
    }

    @FunctionalInterface
    private interface Block {
        Object run() throws SQLException;
    }

    private static Object points(PreparedStatement ps, int[] next, int rows, int count) throws SQLException {
        String last = null;
        for (int i = 0; i < count; i++) {
            next[0] = next[0] % rows + 1;
            last = ProxyOverheadBench.pointSelect(ps, next[0]);
        }
        return last;
    }

    /**
     * Runs {@code pairs} ABBA pairs and prints the median ratio nlsql / raw, its IQR, the ratio of
     * the totals, and the CPU nlsql adds per unit ({@code units} per block, printed in ns divided
     * by {@code scale}: 1 for ns, 1e3 for µs).
     */
    private static void report(String engine, String what, Block raw, Block nlsql, int pairs, int units, String unit,
            double scale) throws SQLException {
        for (int i = 0; i < 3; i++) { // warm-up
            raw.run();
            nlsql.run();
        }
        double[] ratios = new double[pairs];
        long rawTotal = 0;
        long nlsqlTotal = 0;
        for (int p = 0; p < pairs; p++) {
            long r;
            long x;
            if (p % 2 == 0) {
                r = cpu(raw);
                x = cpu(nlsql);
            } else {
                x = cpu(nlsql);
                r = cpu(raw);
            }
            rawTotal += r;
            nlsqlTotal += x;
            ratios[p] = (double) x / r;
        }
        Arrays.sort(ratios);
        System.out.printf("  %-7s %-30s median %.3fx  IQR %.3f..%.3f  total %.3fx  (raw %.1f ms CPU, nlsql %.1f ms CPU;"
                + " raw %.2f, added %.2f %s per %s)%n",
                engine, what, ratios[pairs / 2], ratios[pairs / 4], ratios[(3 * pairs) / 4],
                (double) nlsqlTotal / rawTotal, rawTotal / 1e6, nlsqlTotal / 1e6,
                rawTotal / scale / pairs / units, (nlsqlTotal - rawTotal) / scale / pairs / units, scale == 1 ? "ns" : "µs", unit);
    }

    private static boolean processClock;

    private static long cpu(Block b) throws SQLException {
        long t0 = now();
        b.run();
        return now() - t0;
    }

    /** CPU time in ns: the calling thread's, or with {@code clock=process} the whole JVM's. */
    private static long now() {
        if (processClock) {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
        return THREADS.getCurrentThreadCpuTime();
    }
}
