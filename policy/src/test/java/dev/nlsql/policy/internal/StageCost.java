package dev.nlsql.policy.internal;

import dev.nlsql.policy.*;
import java.lang.management.*;
import java.util.Set;
import org.apache.calcite.avatica.util.*;
import org.apache.calcite.sql.*;
import org.apache.calcite.sql.parser.*;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Per-stage cost of the policy's warm uncached path (the four {@code PolicyBench} queries), by
 * thread CPU time (median of 7 blocks, so time descheduled on a loaded machine does not count),
 * plus bytes allocated per check. Not a test: run with
 * {@code java -cp policy/target/test-classes:policy/target/classes:<test classpath>
 * dev.nlsql.policy.internal.StageCost SQLITE} (policy/README.md has the figures).
 */
public class StageCost {
    static final String[] Q = {
        "SELECT Title FROM Album WHERE AlbumId = ?",
        "SELECT ar.Name, COUNT(*) AS n FROM Album al JOIN Artist ar ON al.ArtistId = ar.ArtistId GROUP BY ar.Name ORDER BY n DESC LIMIT 5",
        "SELECT BillingCountry, SUM(Total) FROM Invoice WHERE InvoiceDate >= ? GROUP BY BillingCountry ORDER BY 2 DESC",
        "WITH big AS (SELECT AlbumId, COUNT(*) AS c FROM Track GROUP BY AlbumId) SELECT a.Title, big.c FROM big JOIN Album a ON a.AlbumId = big.AlbumId",
    };
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();
    static volatile Object sink;
    interface Body { Object run(int i) throws Exception; }
    static double median(Body b, int n) throws Exception {
        for (int i = 0; i < n * 3; i++) sink = b.run(i);
        double[] r = new double[7];
        for (int k = 0; k < 7; k++) {
            long t0 = T.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) sink = b.run(i);
            r[k] = (T.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
        }
        java.util.Arrays.sort(r);
        return r[3];
    }
    public static void main(String[] a) throws Exception {
        Engine e = Engine.valueOf(a[0]);
        int n = 20000;
        SqlPolicy unc = new SqlPolicy(PolicyConfig.defaults(e).withCacheSize(0));
        SqlPolicy cac = new SqlPolicy(PolicyConfig.defaults(e));
        SqlParser.Config core = SqlParser.config().withConformance(SqlConformanceEnum.LENIENT).withQuoting(Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false).withIdentifierMaxLength(1024);
        SqlWriterConfig w = SqlPrettyWriter.config().withDialect(Dialects.forEngine(e)).withQuoteAllIdentifiers(false)
                .withAlwaysUseParentheses(false).withSelectListItemsOnSeparateLines(false)
                .withIndentation(0).withClauseStartsLine(false).withClauseEndsLine(false);
        CalciteChecker cc = new CalciteChecker(PolicyConfig.defaults(e), new FunctionRules(e, Set.of()));
        double total = median(i -> unc.check(Q[i & 3]), n);
        double head = median(i -> { String s = Q[i & 3]; StatementHead.transaction(s); StatementHead.refuseDangerousHead(e, s);
            return CalciteChecker.worthTrying(s) && CalciteChecker.hasGluedNumber(s); }, n * 5);
        double parseNew = median(i -> SqlParser.create(Q[i & 3], core).parseStmtList(), n);
        double parse = median(i -> ReusableParser.parseOnce(Q[i & 3], core), n);
        double calcite = median(i -> cc.check(Q[i & 3], false, new CatalogLookups(ScratchCatalog.NONE)), n);
        SqlNode[] trees = new SqlNode[4];
        for (int i = 0; i < 4; i++) trees[i] = SqlParser.create(Q[i], core).parseStmtList().get(0);
        double render = median(i -> trees[i & 3].toSqlString(c -> w).getSql(), n);
        String[] rendered = new String[4];
        for (int i = 0; i < 4; i++) rendered[i] = unc.check(Q[i]).sql();
        double rcheck = median(i -> RenderedSqlCheck.check(e, rendered[i & 3], true), n * 5);
        double cached = median(i -> cac.check(Q[i & 3]), n * 20);
        com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) T;
        long b0 = tm.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink = unc.check(Q[i & 3]);
        }
        double kb = (tm.getCurrentThreadAllocatedBytes() - b0) / 1024.0 / n;
        System.out.printf("%-10s total %.2f | head+prefilter %.2f | Calcite parse %.2f (new SqlParser each time: %.2f) | "
                + "tree check+labels (calcite stage - parse - render) %.2f | render %.2f | render check %.2f | cached hit %.3f  (us) | %.1f KB allocated per check%n",
                e, total, head, parse, parseNew, calcite - parse - render, render, rcheck, cached, kb);
    }
}
