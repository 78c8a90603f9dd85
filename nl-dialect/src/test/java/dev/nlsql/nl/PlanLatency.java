package dev.nlsql.nl;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.SqlPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;

/**
 * Rough latency of planning a cached question on Chinook (vault with value linking, cache hit,
 * parameter typing) next to executing the plain query, in microseconds. Prints figures only; the
 * JMH benchmarks in {@code benchmarks/} are the reference.
 */
public final class PlanLatency {

    private PlanLatency() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (Connection c = TestDatabases.openSqlite(TestDatabases.chinook())) {
            NlContext ctx = new NlContext(Engine.SQLITE, TestDatabases.snapshot(c), SqlPolicy.forEngine(Engine.SQLITE), c);
            NlDialect d = new NlDialect(NlOptions.defaults(), new FixedTranslator(
                    "SELECT al.Title FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId WHERE ar.Name = __STR_1__"), null, null);
            String q = "ASK which albums were released by the artist 'AC/DC'?";
            d.plan(q, List.of(), ctx);
            long[] plan = new long[n];
            long[] exec = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                NlPlan p = d.plan(q, List.of(), ctx).orElseThrow();
                long t1 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(p.sql())) {
                    p.bind(ps);
                    NlDialectTest.rows(ps);
                }
                long t2 = System.nanoTime();
                plan[i] = t1 - t0;
                exec[i] = t2 - t1;
            }
            Arrays.sort(plan);
            Arrays.sort(exec);
            System.out.printf("cached plan: p50 %.1f us, p99 %.1f us; plain query (prepare+bind+read): p50 %.1f us, p99 %.1f us (n=%d)%n",
                    plan[n / 2] / 1e3, plan[n * 99 / 100] / 1e3, exec[n / 2] / 1e3, exec[n * 99 / 100] / 1e3, n);
        }
    }
}
