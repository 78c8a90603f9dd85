package dev.nlsql.bench;

import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.StoreOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * Sustained records per second into the embedded H2 store (issue target: at least 50,000/s),
 * end to end: append {@code n} records (a fresh time-ordered id each, as the driver builds them)
 * from one thread, then {@code flush()} (all committed), in rounds. Per round it prints the wall
 * rate and the CPU per record of the caller, of the store's writer thread and of the whole
 * process (GC and JIT included), so that on a shared machine the writer's capacity
 * ({@code 1e6 / writer µs} records/s on one free core) can be read beside the wall rate; the
 * summary gives medians over the rounds after the first two (warm-up).
 *
 * <p>Usage: {@code java -cp ... dev.nlsql.bench.ProvenanceStoreThroughput [records=50000] [rounds=10]
 * [queue=8192] [batch=512]}.
 */
public final class ProvenanceStoreThroughput {
    private ProvenanceStoreThroughput() {}

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, "records", "rounds", "queue", "batch");
        int n = a.getInt("records", 50_000);
        int rounds = a.getInt("rounds", 10);
        String queue = a.get("queue", "8192");
        String batch = a.get("batch", "512");
        Path home = Files.createTempDirectory("nlsql-store-throughput");
        Properties p = new Properties();
        p.setProperty(StoreOptions.HOME, home.toString());
        p.setProperty(StoreOptions.QUEUE, queue);
        p.setProperty(StoreOptions.BATCH, batch);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ProvenanceRecord template = ProvenanceBench.template();
        double[] wall = new double[rounds];
        double[] writer = new double[rounds];
        double[] process = new double[rounds];
        try (ProvenanceStore store = ProvenanceStores.open(p)) {
            long writerId = -1;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("nlsql-provenance-writer")) {
                    writerId = t.getId();
                }
            }
            System.out.printf("embedded store %s, %d records per round, queue %s, batch %s%n", home, n, queue, batch);
            for (int r = 0; r < rounds; r++) {
                long w0 = threads.getThreadCpuTime(writerId);
                long p0 = os.getProcessCpuTime();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    store.append(ProvenanceBench.fresh(template));
                }
                store.flush();
                long t = System.nanoTime() - t0;
                wall[r] = n / (t / 1e9);
                writer[r] = (threads.getThreadCpuTime(writerId) - w0) / 1e3 / n;
                process[r] = (os.getProcessCpuTime() - p0) / 1e3 / n;
                System.out.printf("  round %2d: %,8.0f records/s wall; CPU per record: caller %.2f µs, writer %.1f µs,"
                        + " process %.1f µs; load average %.1f%n", r, wall[r],
                        (threads.getCurrentThreadCpuTime() - c0) / 1e3 / n, writer[r], process[r],
                        os.getSystemLoadAverage());
            }
        }
        int from = Math.min(2, rounds - 1);
        double w = median(Arrays.copyOfRange(wall, from, rounds));
        double wr = median(Arrays.copyOfRange(writer, from, rounds));
        double pr = median(Arrays.copyOfRange(process, from, rounds));
        System.out.printf("median of rounds %d-%d: %,.0f records/s wall (best %,.0f); writer %.1f µs CPU per record"
                + " (= %,.0f records/s on one free core); process %.1f µs CPU per record%n", from, rounds - 1, w,
                Arrays.stream(wall).max().orElse(0), wr, 1e6 / wr, pr);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
