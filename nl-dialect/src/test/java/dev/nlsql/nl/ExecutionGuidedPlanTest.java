package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.SqlPolicy;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Execution-guided candidate selection in the dialect, on the real Chinook SQLite database:
 * fixed candidates stand in for the model; the probes run on the context's connection.
 */
class ExecutionGuidedPlanTest {

    static Connection chinook;
    static SchemaSnapshot schema;

    private static final String EMPTY = "SELECT Name FROM Artist WHERE ArtistId < 0";
    private static final String ROWS = "SELECT Name FROM Artist WHERE ArtistId < 3";
    /** Valid for the validator and the policy, fails when run (SQLite: integer overflow). */
    private static final String FAILS = "SELECT SUM(9223372036854775807) FROM Artist";

    @BeforeAll
    static void open() throws Exception {
        chinook = TestDatabases.openSqlite(TestDatabases.chinook());
        schema = TestDatabases.snapshot(chinook);
    }

    @AfterAll
    static void close() throws Exception {
        chinook.close();
    }

    private static NlContext ctx(Connection c) {
        return new NlContext(Engine.SQLITE, schema, SqlPolicy.forEngine(Engine.SQLITE), c);
    }

    private static NlDialect dialect(FixedTranslator t, String... props) {
        Properties p = new Properties();
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        return new NlDialect(NlOptions.from(p), t, null, null);
    }

    private static String plan(NlDialect d, NlContext ctx) throws SQLException {
        return d.plan("ASK the first artists", null, ctx).orElseThrow().sql();
    }

    @Test
    void theFirstCandidateReturningRowsIsChosen() throws SQLException {
        NlDialect d = dialect(new FixedTranslator(FAILS, EMPTY, ROWS));
        String sql = plan(d, ctx(chinook));
        assertTrue(sql.contains("< 3"), sql);
        assertFalse(NlDialectTest.run(chinook, d.plan("ASK the first artists", null, ctx(chinook)).orElseThrow()).isEmpty());
    }

    @Test
    void withoutRowsTheFirstCandidateThatExecutesIsChosen() throws SQLException {
        String sql = plan(dialect(new FixedTranslator(FAILS, EMPTY)), ctx(chinook));
        assertTrue(sql.contains("< 0"), sql);
    }

    @Test
    void whenNothingExecutesTheFirstValidCandidateIsChosen() throws SQLException {
        String sql = plan(dialect(new FixedTranslator("SELECT Nope FROM Nowhere", FAILS, FAILS.replace("Artist", "Album"))),
                ctx(chinook));
        assertTrue(sql.contains("Artist"), sql);
    }

    @Test
    void switchedOffOrWithoutConnectionTheFirstValidCandidateIsChosen() throws SQLException {
        assertTrue(plan(dialect(new FixedTranslator(EMPTY, ROWS), "nlsql.nl.execGuided", "false"), ctx(chinook)).contains("< 0"));
        assertTrue(plan(dialect(new FixedTranslator(EMPTY, ROWS)), ctx(null)).contains("< 0"));
    }

    @Test
    void theChoiceIsCachedSoARepeatedQuestionProbesNothing() throws SQLException {
        FixedTranslator t = new FixedTranslator(EMPTY, ROWS);
        NlDialect d = dialect(t);
        assertTrue(plan(d, ctx(chinook)).contains("< 3"));
        NlPlan again = d.plan("ASK the first artists", null, ctx(chinook)).orElseThrow();
        assertEquals(PlanSource.CACHE, again.source());
        assertTrue(again.sql().contains("< 3"), again.sql());
        assertEquals(1, t.calls.get());
    }

    @Test
    void theCacheKeyRecordsWhetherCandidatesWereProbed() throws SQLException {
        LruTranslationCache shared = new LruTranslationCache(10);
        FixedTranslator t = new FixedTranslator(EMPTY, ROWS);
        Properties guided = new Properties();
        guided.setProperty("nlsql.nl.values", "false");
        Properties firstValid = new Properties();
        firstValid.putAll(guided);
        firstValid.setProperty("nlsql.nl.execGuided", "false");
        NlDialect on = new NlDialect(NlOptions.from(guided), t, shared, null);
        NlDialect off = new NlDialect(NlOptions.from(firstValid), t, shared, null);
        // switched on but nothing to probe on: the first valid candidate, keyed as execGuided=false
        NlPlan unprobed = on.plan("ASK the first artists", null, ctx(null)).orElseThrow();
        assertEquals(PlanSource.MODEL, unprobed.source());
        assertTrue(unprobed.sql().contains("< 0"), unprobed.sql());
        NlPlan replay = off.plan("ASK the first artists", null, ctx(chinook)).orElseThrow();
        assertEquals(PlanSource.CACHE, replay.source());
        assertTrue(replay.sql().contains("< 0"), replay.sql());
        // with a connection the candidates are probed: another entry, another choice
        NlPlan probed = on.plan("ASK the first artists", null, ctx(chinook)).orElseThrow();
        assertEquals(PlanSource.MODEL, probed.source());
        assertTrue(probed.sql().contains("< 3"), probed.sql());
        assertEquals(2, t.calls.get());
    }

    @Test
    void aProbePastItsTimeLimitIsTakenAsItIs() throws SQLException {
        // 3,503^3 track triples, none matching: runs for hours; the probe is cancelled after 200 ms
        String endless = "SELECT t1.Name FROM Track t1, Track t2, Track t3 WHERE t1.TrackId + t2.TrackId + t3.TrackId < 0";
        long t0 = System.nanoTime();
        String sql = plan(dialect(new FixedTranslator(EMPTY, endless, ROWS), "nlsql.nl.probe.timeoutMs", "200"),
                ctx(chinook));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(sql.contains("t3"), sql);
        assertTrue(ms < 5000, "the probe must stop at its limit, took " + ms + " ms");
    }

    @Test
    void aFailingProbeDoesNotSpoilTheCallersTransaction() throws SQLException {
        chinook.setAutoCommit(false);
        try {
            String sql = plan(dialect(new FixedTranslator(FAILS, ROWS)), ctx(chinook));
            assertTrue(sql.contains("< 3"), sql);
            assertFalse(chinook.getAutoCommit());
            assertEquals(List.of(List.of((Object) "AC/DC")), NlDialectTest.query(chinook, "SELECT Name FROM Artist WHERE ArtistId = 1"));
            chinook.commit();
        } finally {
            chinook.setAutoCommit(true);
        }
    }
}
