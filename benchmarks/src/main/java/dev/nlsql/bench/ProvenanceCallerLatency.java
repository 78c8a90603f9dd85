package dev.nlsql.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Latency that provenance adds to one small statement on the caller's thread (issue target:
 * at most 5 µs p50 in async mode). Three connections to the same database: {@code raw} (the
 * engine's driver), {@code off} (nlsql with provenance off, its other defaults on) and {@code on}
 * (nlsql defaults: provenance on, async, embedded H2 store in a temporary folder). Point SELECTs
 * ({@code SELECT v FROM t WHERE id = ?}, one reused PreparedStatement each) run in rotating
 * blocks of 2,000; every statement is timed with {@code System.nanoTime} (wall, including any
 * wait for room in the provenance queue) and each block with the thread's CPU time. Prints, per
 * variant, the p50 / p90 / p99 wall latency and the mean CPU per statement, then the added
 * latency {@code p50(on) - p50(off)} and {@code p50(on) - p50(raw)}.
 *
 * <p>Usage: {@code java -cp ... dev.nlsql.bench.ProvenanceCallerLatency [engines=sqlite,h2]
 * [blocks=30] [rows=100000]}.
 */
public final class ProvenanceCallerLatency {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BLOCK = 2000;

    private ProvenanceCallerLatency() {}

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, "engines", "blocks", "rows");
        String engines = a.get("engines", "sqlite,h2");
        int blocks = a.getInt("blocks", 30);
        int rows = a.getInt("rows", 100_000);
        Path home = Files.createTempDirectory("nlsql-caller-latency");
        for (String engine : engines.split(",")) {
            try (BenchDatabase db = BenchDatabase.create(engine, rows);
                    Connection raw = db.open("raw", "");
                    Connection off = db.open("nlsql", "nlsql.provenance.enabled=false");
                    Connection on = db.open("nlsql", "nlsql.provenance.home=" + home)) {
                PreparedStatement[] ps = {raw.prepareStatement("SELECT v FROM t WHERE id = ?"),
                        off.prepareStatement("SELECT v FROM t WHERE id = ?"), on.prepareStatement("SELECT v FROM t WHERE id = ?")};
                String[] names = {"raw", "nlsql, provenance off", "nlsql, provenance on (async)"};
                long[][] wall = new long[3][blocks * BLOCK];
                long[] cpu = new long[3];
                int[] next = {0};
                for (int w = 0; w < 5; w++) { // warm-up
                    for (int v = 0; v < 3; v++) {
                        block(ps[v], next, rows, new long[BLOCK], 0);
                    }
                }
                for (int b = 0; b < blocks; b++) {
                    for (int k = 0; k < 3; k++) {
                        int v = (b + k) % 3; // rotate the order
                        long c0 = THREADS.getCurrentThreadCpuTime();
                        block(ps[v], next, rows, wall[v], b * BLOCK);
                        cpu[v] += THREADS.getCurrentThreadCpuTime() - c0;
                    }
                }
                System.out.printf("%s, %d point selects per variant (load average %.1f)%n", engine, blocks * BLOCK,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                double[] p50 = new double[3];
                for (int v = 0; v < 3; v++) {
                    long[] s = wall[v].clone();
                    Arrays.sort(s);
                    p50[v] = s[s.length / 2] / 1e3;
                    System.out.printf("  %-30s wall p50 %6.2f µs  p90 %6.2f µs  p99 %7.2f µs   CPU mean %6.2f µs%n", names[v],
                            p50[v], s[(int) (s.length * 0.9)] / 1e3, s[(int) (s.length * 0.99)] / 1e3,
                            cpu[v] / 1e3 / (blocks * BLOCK));
                }
                System.out.printf("  added by provenance: p50 %+.2f µs (on - off), CPU mean %+.2f µs; nlsql with provenance vs raw:"
                        + " p50 %+.2f µs, CPU %.2fx%n", p50[2] - p50[1], (cpu[2] - cpu[1]) / 1e3 / (blocks * BLOCK),
                        p50[2] - p50[0], (double) cpu[2] / cpu[0]);
                for (PreparedStatement p : ps) {
                    p.close();
                }
            }
        }
    }

    private static void block(PreparedStatement ps, int[] next, int rows, long[] out, int at) throws SQLException {
        for (int i = 0; i < BLOCK; i++) {
            next[0] = next[0] % rows + 1;
            long t0 = System.nanoTime();
            ProxyOverheadBench.pointSelect(ps, next[0]);
            out[at + i] = System.nanoTime() - t0;
        }
    }
}
