package dev.nlsql.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs each benchmark body a few times on 1,000 rows, without JMH, so that a broken benchmark
 * shows up in the normal test run (the real measurement: see benchmarks/README.md).
 */
class ProxyOverheadBenchSmokeTest {

    @ParameterizedTest
    @CsvSource({"sqlite,raw", "sqlite,nlsql", "h2,raw", "h2,nlsql"})
    void benchmarkBodiesRun(String engine, String target) throws Exception {
        ProxyOverheadBench b = new ProxyOverheadBench();
        b.engine = engine;
        b.target = target;
        b.nlsqlProps = "";
        b.rows = 1000;
        b.setUp();
        try {
            assertEquals("row-1", b.pointSelect());
            assertEquals("row-2", b.pointSelect());
            long expected = 0;
            for (int id = 1; id <= 1000; id++) {
                expected += id + id % 1000 + ("row-" + id).length();
            }
            assertEquals(expected, b.scan1M());
            assertTrue(b.scan1M() > 0);
        } finally {
            b.tearDown();
        }
    }
}
