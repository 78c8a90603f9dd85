package dev.nlsql.bench;

import dev.nlsql.provenance.CanonicalResultDigest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * Where the cost of a hashed 1M-row scan comes from, on the raw driver alone (no nlsql): the
 * same {@code SELECT id, k, v FROM t} over {@link BenchDatabase}'s table read on one connection
 * in several ways, each timed in thread CPU time, the variants rotated every round so that none
 * always runs first, median of the rounds:
 *
 * <ol>
 *   <li>{@code typed}: {@code getLong(1)}, {@code getInt(2)}, {@code getString(3)}, what the
 *       scan benchmark's client does (the baseline of every ratio);
 *   <li>{@code getObject}: {@code getObject} for each column, what a digest that encodes each
 *       value by what it is (not by the getter a client chose) has to read;
 *   <li>{@code getObject+unordered}: the same, fed to {@link CanonicalResultDigest} without the
 *       ordered digest (what the driver does for a query without {@code ORDER BY});
 *   <li>{@code getObject+both}: with the ordered digest too ({@code ORDER BY} queries);
 *   <li>SQLite only, {@code sqlite-internal}: sqlite-jdbc's own classes ({@code org.sqlite.core}),
 *       one {@code SafeStmtPtr.safeRun} per row reading each value's storage class and value
 *       under one lock, no digest: whether bypassing the public API makes the storage-class
 *       lookup cheaper (it is still one JNI call per value: sqlite-jdbc has no call that returns
 *       type and value together).
 * </ol>
 *
 * <p>Engines: {@code sqlite}, {@code h2} (the file opened read-write, as a raw client opens it),
 * {@code h2-ro} (the same file with {@code ACCESS_MODE_DATA=r}, as nlsql opens a file H2 source:
 * H2 then streams the result instead of spooling 1M rows, about 20x less CPU per row),
 * {@code duckdb}. Prints, per variant, CPU ms per scan, ns per row and the ratio to {@code typed}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.nlsql.bench.ProvenanceBenchScanRatio
 * [engines=sqlite,h2,h2-ro,duckdb] [rows=1000000] [rounds=7]}. One engine per JVM gives the
 * steadiest figures (the scan loops' call sites stay monomorphic).
 */
public final class ProvenanceBenchScanRatio {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final String SQL = "SELECT id, k, v FROM t";

    private ProvenanceBenchScanRatio() {}

    /** One way of reading the scan; returns a value derived from every row so nothing is optimised away. */
    @FunctionalInterface
    private interface Variant {
        long scan(Connection c, CanonicalResultDigest d) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, "engines", "rows", "rounds");
        String engines = a.get("engines", "sqlite,h2,h2-ro,duckdb");
        int rows = a.getInt("rows", 1_000_000);
        int rounds = a.getInt("rounds", 7);
        System.out.println("hashed-scan cost on the raw driver, " + rows + " rows, thread CPU, median of " + rounds + " rounds");
        for (String engine : engines.split(",")) {
            boolean readOnly = engine.equals("h2-ro");
            try (BenchDatabase db = BenchDatabase.create(readOnly ? "h2" : engine, rows);
                    Connection c = DriverManager.getConnection(db.rawUrl + (readOnly ? ";ACCESS_MODE_DATA=r" : ""))) {
                List<String> names = new ArrayList<>(List.of("typed", "getObject", "getObject+unordered", "getObject+both"));
                List<Variant> variants = new ArrayList<>(List.of(
                        (conn, d) -> typed(conn),
                        (conn, d) -> objects(conn, null),
                        (conn, d) -> {
                            d.reset(false);
                            return objects(conn, d);
                        },
                        (conn, d) -> {
                            d.reset(true);
                            return objects(conn, d);
                        }));
                if (engine.equals("sqlite")) {
                    names.add("sqlite-internal");
                    variants.add((conn, d) -> sqliteInternal(conn));
                }
                report(engine, c, names, variants, rows, rounds);
            }
        }
    }

    private static void report(String engine, Connection c, List<String> names, List<Variant> variants, int rows,
            int rounds) throws SQLException {
        int n = variants.size();
        CanonicalResultDigest d = new CanonicalResultDigest(false);
        long[][] ns = new long[n][rounds];
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            for (Variant v : variants) {
                sink += v.scan(c, d);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                int v = (i + r) % n; // rotate: each variant runs first in some round
                long t0 = MX.getCurrentThreadCpuTime();
                sink += variants.get(v).scan(c, d);
                ns[v][r] = MX.getCurrentThreadCpuTime() - t0;
            }
        }
        double base = median(ns[0]);
        for (int v = 0; v < n; v++) {
            double m = median(ns[v]);
            System.out.printf("  %-7s %-20s %8.1f ms/scan  %6.1f ns/row  %.3fx%n", engine, names.get(v), m / 1e6,
                    m / rows, m / base);
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    private static double median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long typed(Connection c) throws SQLException {
        long sum = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            while (rs.next()) {
                sum += rs.getLong(1) + rs.getInt(2) + rs.getString(3).length();
            }
        }
        return sum;
    }

    /** Reads each value with getObject, feeding it to {@code d} when not null. */
    private static long objects(Connection c, CanonicalResultDigest d) throws SQLException {
        long sum = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            while (rs.next()) {
                Object a = rs.getObject(1);
                Object b = rs.getObject(2);
                Object v = rs.getObject(3);
                if (d != null) {
                    d.beginRow();
                    d.add(a);
                    d.add(b);
                    d.add(v);
                    d.endRow();
                }
                sum += ((Number) a).longValue() + ((Number) b).intValue() + ((String) v).length();
            }
        }
        return d == null ? sum : sum + d.unorderedHex().length();
    }

    /** sqlite-jdbc's internal classes: storage class and value of every column under one lock per row. */
    private static long sqliteInternal(Connection c) throws SQLException {
        long sum = 0;
        Object[] row = new Object[3];
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            SafeStmtPtr ptr = ((CoreStatement) st).pointer;
            SafeStmtPtr.SafePtrFunction<Object, SQLException> read = (DB db, long p) -> {
                for (int i = 0; i < row.length; i++) {
                    row[i] = switch (db.column_type(p, i)) {
                        case 1 -> { // SQLITE_INTEGER
                            long l = db.column_long(p, i);
                            yield l == (int) l ? (Object) Integer.valueOf((int) l) : (Object) Long.valueOf(l);
                        }
                        case 2 -> db.column_double(p, i); // SQLITE_FLOAT
                        case 4 -> db.column_blob(p, i); // SQLITE_BLOB
                        case 5 -> null; // SQLITE_NULL
                        default -> db.column_text(p, i); // SQLITE_TEXT
                    };
                }
                return null;
            };
            while (rs.next()) {
                ptr.safeRun(read);
                sum += ((Number) row[0]).longValue() + ((Number) row[1]).intValue() + ((String) row[2]).length();
            }
        }
        return sum;
    }
}
