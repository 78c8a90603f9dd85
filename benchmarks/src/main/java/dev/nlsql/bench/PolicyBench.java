package dev.nlsql.bench;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyConfig;
import dev.nlsql.policy.PolicyDecision;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.SqlPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Policy cost per statement, in microseconds: {@code uncached} polices with the decision cache
 * off (parse + checks + re-render + render check, JIT warm: the "warm" figure, target 30 µs),
 * {@code cached} with the cache on (a hit: target 2 µs). {@code jsqlparserPath} is a DuckDB
 * query Calcite cannot read, so it takes the JSqlParser fallback. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar PolicyBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBench {

    /** Typical text-to-SQL and BI statements (Chinook). */
    static final String[] QUERIES = {
        "SELECT Title FROM Album WHERE AlbumId = ?",
        "SELECT ar.Name, COUNT(*) AS n FROM Album al JOIN Artist ar ON al.ArtistId = ar.ArtistId GROUP BY ar.Name ORDER BY n DESC LIMIT 5",
        "SELECT BillingCountry, SUM(Total) FROM Invoice WHERE InvoiceDate >= ? GROUP BY BillingCountry ORDER BY 2 DESC",
        "WITH big AS (SELECT AlbumId, COUNT(*) AS c FROM Track GROUP BY AlbumId) SELECT a.Title, big.c FROM big JOIN Album a ON a.AlbumId = big.AlbumId",
    };

    @Param({"SQLITE", "POSTGRESQL"})
    public String engine;

    private SqlPolicy uncached;
    private SqlPolicy cached;
    private SqlPolicy duck;
    private int i;

    @Setup
    public void setUp() throws PolicyException {
        Engine e = Engine.valueOf(engine);
        uncached = new SqlPolicy(PolicyConfig.defaults(e).withCacheSize(0));
        cached = new SqlPolicy(PolicyConfig.defaults(e));
        duck = new SqlPolicy(PolicyConfig.defaults(Engine.DUCKDB).withCacheSize(0));
        for (String q : QUERIES) {
            cached.check(q);
        }
    }

    @Benchmark
    public PolicyDecision uncached() throws PolicyException {
        return uncached.check(QUERIES[i++ & 3]);
    }

    @Benchmark
    public PolicyDecision cached() throws PolicyException {
        return cached.check(QUERIES[i++ & 3]);
    }

    @Benchmark
    public PolicyDecision jsqlparserPath() throws PolicyException {
        return duck.check("SELECT a::INTEGER, * EXCLUDE (b) FROM t WHERE c > ?");
    }
}
