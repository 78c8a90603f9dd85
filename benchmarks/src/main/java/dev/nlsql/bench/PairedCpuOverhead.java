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
 * [engines=sqlite,h2] [rows=1000000] [pairs=20] [nlsqlProps=k=v;k=v] [control=true] [clock=thread|process]}
 * ({@code control=true}: a second raw connection in nlsql's place, to see the method's own bias;
 * {@code clock=process}: the whole process's CPU time instead of the calling thread's, so work
 * nlsql hands to other threads, such as the provenance store's writer, is counted too, along
 * with GC and JIT threads, which makes it noisier).
 */
public final class PairedCpuOverhead {

    private PairedCpuOverhead() {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws SQLException {
        String engines = "sqlite,h2";
        int rows = 1_000_000;
        int pairs = 20;
        String props = "nlsql.policy.mode=audit;nlsql.provenance.enabled=false;nlsql.timeout.seconds=0";
        boolean control = false;
        String clock = "thread";
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("engines=")) engines = v;
            else if (a.startsWith("rows=")) rows = Integer.parseInt(v);
            else if (a.startsWith("pairs=")) pairs = Integer.parseInt(v);
            else if (a.startsWith("nlsqlProps=")) props = v;
            else if (a.startsWith("control=")) control = Boolean.parseBoolean(v);
            else if (a.startsWith("clock=")) clock = v;
            else throw new IllegalArgumentException("unknown argument " + a);
        }
        if (!clock.equals("thread") && !clock.equals("process")) {
            throw new IllegalArgumentException("clock must be thread or process, not " + clock);
        }
        processClock = clock.equals("process");
        System.out.println("paired CPU-time overhead (" + clock + " CPU time), " + (control ? "CONTROL (raw vs raw)" : "nlsqlProps=" + props)
                + ", " + pairs + " ABBA pairs per measure");
        for (String engine : engines.split(",")) {
            try (BenchDatabase db = BenchDatabase.create(engine, rows);
                    Connection raw = db.open("raw", "");
                    Connection nlsql = db.open(control ? "raw" : "nlsql", props);
                    PreparedStatement rawPoint = raw.prepareStatement("SELECT v FROM t WHERE id = ?");
                    PreparedStatement nlsqlPoint = nlsql.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                int n = rows;
                int[] next = {0};
                Block rawPoints = () -> points(rawPoint, next, n, 2000);
                Block nlsqlPoints = () -> points(nlsqlPoint, next, n, 2000);
                report(engine, "pointSelect (2000 per block)", rawPoints, nlsqlPoints, pairs);
                report(engine, "scan " + rows + " rows", () -> ProxyOverheadBench.scan(raw),
                        () -> ProxyOverheadBench.scan(nlsql), Math.max(4, pairs / 4));
            }
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

    private static void report(String engine, String what, Block raw, Block nlsql, int pairs) throws SQLException {
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
        System.out.printf("  %-7s %-30s median %.3fx  IQR %.3f..%.3f  total %.3fx  (raw %.1f ms CPU, nlsql %.1f ms CPU)%n",
                engine, what, ratios[pairs / 2], ratios[pairs / 4], ratios[(3 * pairs) / 4],
                (double) nlsqlTotal / rawTotal, rawTotal / 1e6, nlsqlTotal / 1e6);
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
