package dev.nlsql.policy;

import java.util.ArrayList;
import java.util.List;

/** Not a test: prints the slowest cases to police (run with java -cp ...). */
final class PolicyTimingProbe {
    public static void main(String[] a) throws Exception {
        SqlPolicy p = new SqlPolicy(PolicyConfig.defaults(Engine.SQLITE).withCacheSize(0));
        List<Corpora.Case> all = Corpora.all().values().stream().flatMap(List::stream).toList();
        for (Corpora.Case c : all) { try { p.check(c.sql()); } catch (PolicyException e) { } }
        List<long[]> t = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < all.size(); i++) {
            long s = System.nanoTime();
            try { p.check(all.get(i).sql()); } catch (PolicyException e) { }
            t.add(new long[] {System.nanoTime() - s, i});
        }
        System.out.printf("total %.1f ms for %d%n", (System.nanoTime() - t0) / 1e6, all.size());
        t.sort((x, y) -> Long.compare(y[0], x[0]));
        for (int i = 0; i < 15; i++) {
            System.out.printf("%.2f ms  %s%n", t.get(i)[0] / 1e6, all.get((int) t.get(i)[1]).sql().replace("\n", "\\n"));
        }
    }
}
