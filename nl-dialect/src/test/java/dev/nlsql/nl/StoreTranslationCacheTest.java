package dev.nlsql.nl;

import dev.nlsql.policy.SqlPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.policy.Engine;
import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.SchemaSnapshot;
import dev.nlsql.provenance.SqlPack;
import dev.nlsql.provenance.StoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent cache and SQL-pack pins through the provenance store (embedded H2), on Chinook. */
class StoreTranslationCacheTest {

    @TempDir
    Path home;

    private JdbcProvenanceStore open() throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.HOME, home.toString());
        p.setProperty(StoreOptions.SYNC, "true");
        return ProvenanceStores.open(StoreOptions.from(p));
    }

    @Test
    void translationSurvivesARestartAndReplaysIdenticalSql() throws Exception {
        try (Connection c = TestDatabases.openSqlite(TestDatabases.chinook())) {
            SchemaSnapshot schema = TestDatabases.snapshot(c);
            NlContext ctx = new NlContext(Engine.SQLITE, schema, SqlPolicy.forEngine(Engine.SQLITE), c);
            String sql;
            try (JdbcProvenanceStore store = open()) {
                FixedTranslator t = new FixedTranslator(
                        "SELECT t.Name FROM Track t JOIN Genre g ON g.GenreId = t.GenreId WHERE g.Name = __STR_1__ AND t.Name LIKE '__STR_2__%' ORDER BY t.Name");
                NlDialect d = new NlDialect(NlOptions.defaults(), t,
                        new TieredTranslationCache(new LruTranslationCache(10), new StoreTranslationCache(store.translations())), null);
                NlPlan plan = d.plan("ASK tracks of genre 'Jazz' starting with 'B'", null, ctx).orElseThrow();
                assertEquals(PlanSource.MODEL, plan.source());
                sql = plan.sql();
            }
            try (JdbcProvenanceStore store = open()) {
                FixedTranslator t = new FixedTranslator("SELECT Name FROM Artist");
                NlDialect d = new NlDialect(NlOptions.defaults(), t,
                        new TieredTranslationCache(new LruTranslationCache(10), new StoreTranslationCache(store.translations())), null);
                NlPlan plan = d.plan("ASK Tracks of genre 'Rock' starting with 'Z'?", null, ctx).orElseThrow();
                assertEquals(PlanSource.CACHE, plan.source());
                assertEquals(sql, plan.sql());
                assertEquals(0, t.calls.get());
                assertEquals(List.of("Rock", "Z"), plan.parameters().stream().map(NlParameter::value).toList());
                assertEquals(NlDialectTest.query(c, "SELECT t.Name FROM Track t JOIN Genre g ON g.GenreId = t.GenreId "
                        + "WHERE g.Name = 'Rock' AND t.Name LIKE 'Z%' ORDER BY t.Name"), NlDialectTest.run(c, plan));
            }
        }
    }

    @Test
    void pinFromAnSqlPackWinsOverTheModelAndIsStillValidated() throws Exception {
        try (Connection c = TestDatabases.openSqlite(TestDatabases.chinook()); JdbcProvenanceStore store = open()) {
            SchemaSnapshot schema = TestDatabases.snapshot(c);
            SqlPack pack = new SqlPack(SqlPack.FORMAT, "chinook-pins", schema.sha256(), "sqlite", "2026-11-21T00:00:00Z",
                    List.of(new SqlPack.Query("best-customers", "who are the top __NUM_1__ customers by total spent?",
                                    "SELECT c.FirstName, c.LastName, SUM(i.Total) AS spent FROM Customer c JOIN Invoice i "
                                            + "ON i.CustomerId = c.CustomerId GROUP BY c.CustomerId ORDER BY spent DESC LIMIT ?",
                                    List.of(new SqlPack.Parameter(1, "__NUM_1__", "BIGINT", "5")), null, "test", "2026-11-21T00:00:00Z"),
                            new SqlPack.Query("bad-pin", "what is in table __STR_1__?", "SELECT * FROM Nowhere WHERE x = ?",
                                    List.of(new SqlPack.Parameter(1, "__STR_1__", "VARCHAR", "a")), null, "test", "2026-11-21T00:00:00Z")));
            assertEquals(2, store.translations().pin(pack));
            FixedTranslator t = new FixedTranslator("SELECT Name FROM Artist");
            NlDialect d = new NlDialect(NlOptions.defaults(), t, null, new StorePinnedTranslations(store.translations()));
            NlContext ctx = new NlContext(Engine.SQLITE, schema, SqlPolicy.forEngine(Engine.SQLITE), c);
            NlPlan plan = d.plan("EXPLAIN ASK Who are the top 3 customers by total spent", null, ctx).orElseThrow();
            assertEquals(PlanSource.PINNED, plan.source());
            assertEquals("best-customers", plan.pinId());
            assertEquals(0, t.calls.get());
            assertEquals(3, NlDialectTest.run(c, plan).size());

            NlPlan fallback = d.plan("EXPLAIN ASK what is in table 'x'", null, ctx).orElseThrow();
            assertTrue(fallback.failed());
            assertTrue(fallback.failureReason().contains("pinned translation bad-pin refused: unknown table: Nowhere"),
                    fallback.failureReason());
            assertEquals(1, t.calls.get());
        }
    }

    @Test
    void createHonoursThePersistOption() throws Exception {
        try (Connection c = TestDatabases.openSqlite(TestDatabases.chinook()); JdbcProvenanceStore store = open()) {
            SchemaSnapshot schema = TestDatabases.snapshot(c);
            NlContext ctx = new NlContext(Engine.SQLITE, schema, SqlPolicy.forEngine(Engine.SQLITE), c);
            Properties off = new Properties();
            off.setProperty("nlsql.nl.cache.persist", "false");
            FixedTranslator t = new FixedTranslator("SELECT COUNT(*) FROM Genre");
            assertEquals(PlanSource.MODEL, NlDialect.create(off, t, store.translations()).plan("ASK how many genres", null, ctx)
                    .orElseThrow().source());
            assertEquals(PlanSource.MODEL, NlDialect.create(new Properties(), t, store.translations())
                    .plan("ASK how many genres", null, ctx).orElseThrow().source());
            assertEquals(PlanSource.CACHE, NlDialect.create(new Properties(), t, store.translations())
                    .plan("ASK how many genres", null, ctx).orElseThrow().source());
            assertEquals(2, t.calls.get());
            Properties bad = new Properties();
            bad.setProperty("nlsql.mode", "maybe");
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> NlDialect.create(bad, t, null));
            assertEquals("22023", e.getSQLState());
        }
    }
}
