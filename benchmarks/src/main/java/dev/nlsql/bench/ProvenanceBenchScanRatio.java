package dev.nlsql.bench;

import dev.nlsql.provenance.CanonicalResultDigest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The 1M-row scan ratio (hashed / raw) measured in thread CPU time, alternating raw and hashed
 * scans in the same JVM, median of 7 rounds. CPU time is less disturbed than wall time when
 * other processes share the cores (the JMH {@code scanRaw}/{@code scanHashed} pair measures wall
 * time). Run: {@code java -cp ... dev.nlsql.bench.ProvenanceBenchScanRatio}.
 */
public final class ProvenanceBenchScanRatio {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private ProvenanceBenchScanRatio() {}

    public static void main(String[] args) throws Exception {
        for (String engine : new String[] {"sqlite", "h2"}) {
            ProvenanceBench.Scan scan = new ProvenanceBench.Scan();
            scan.engine = engine;
            scan.create();
            Connection c = scan.connection;
            long[][] ms = new long[3][7];
            for (int warm = 0; warm < 3; warm++) {
                scan(c, 0);
                scan(c, 1);
                scan(c, 2);
            }
            for (int r = 0; r < 7; r++) {
                for (int v = 0; v < 3; v++) {
                    ms[v][r] = scan(c, v);
                }
            }
            long raw = median(ms[0]);
            long both = median(ms[1]);
            long unordered = median(ms[2]);
            System.out.printf("%s 1M rows, thread CPU ms (median of 7): raw %d, hashed (both digests) %d = %.2fx,"
                    + " hashed (order-insensitive only) %d = %.2fx%n", engine, raw, both, (double) both / raw, unordered,
                    (double) unordered / raw);
            scan.close();
        }
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** One scan; variant 0 raw, 1 both digests, 2 order-insensitive only. Returns thread CPU ms. */
    private static long scan(Connection c, int variant) throws SQLException {
        long t0 = MX.getCurrentThreadCpuTime();
        CanonicalResultDigest d = variant == 0 ? null : new CanonicalResultDigest(variant == 1);
        long sink = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, name FROM t")) {
            while (rs.next()) {
                Object a = rs.getObject(1);
                Object b = rs.getObject(2);
                if (d != null) {
                    d.beginRow();
                    d.add(a);
                    d.add(b);
                    d.endRow();
                }
                sink += a.hashCode() + b.hashCode();
            }
        }
        if (d != null) {
            sink += d.unorderedHex().hashCode();
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (MX.getCurrentThreadCpuTime() - t0) / 1_000_000;
    }
}
