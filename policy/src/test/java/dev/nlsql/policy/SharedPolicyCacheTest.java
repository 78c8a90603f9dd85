package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision cache shared by the connections of one policy configuration
 * ({@link SharedPolicies}): shared only between equal configurations, and a cached verdict is
 * reused only where the asking connection's scratch catalog answers the check's questions the
 * same way, so creating or dropping a scratch object (on SQLite, for real) changes what the next
 * check says on every connection whose catalog knows about it, and on no other.
 */
class SharedPolicyCacheTest {

    @TempDir
    Path dir;

    @Test
    void sharedOnlyBetweenEqualConfigurations() throws Exception {
        SharedPolicies shared = new SharedPolicies();
        Properties props = new Properties();
        SqlPolicy a = shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, props, new ConcurrentScratchCatalog()));
        SqlPolicy b = shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, props, new ConcurrentScratchCatalog()));
        assertNotSame(a, b);
        assertTrue(a.sharesCacheWith(b));
        PolicyDecision d = a.check("SELECT Title FROM Album WHERE AlbumId = ?");
        assertSame(d, b.check("SELECT Title FROM Album WHERE AlbumId = ?"), "a hit on the other connection");

        Properties strict = new Properties();
        strict.setProperty(PolicyConfig.MODE, "strict");
        Properties other = new Properties();
        other.setProperty(PolicyConfig.SCRATCH_SCHEMA, "mine");
        Properties fns = new Properties();
        fns.setProperty(PolicyConfig.ALLOW_FUNCTIONS, "my_fn");
        for (SqlPolicy p : List.of(shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, strict, null)),
                shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, other, null)),
                shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, fns, null)),
                shared.policy(PolicyConfig.fromProperties(Engine.DUCKDB, props, null)))) {
            assertFalse(a.sharesCacheWith(p), p.config().toString());
        }
        assertEquals(5, shared.configurations());
        // the mode is part of the configuration: strict refuses what read-only allowed
        SqlPolicy ro = shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, props, null));
        SqlPolicy st = shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, strict, null));
        ro.check("CREATE TABLE t1 (a INT)");
        assertEquals("25006", assertThrows(PolicyException.class, () -> st.check("CREATE TABLE t1 (a INT)")).getSQLState());
        // the extra functions are too
        assertEquals("sqlite.function-allow-list", assertThrows(PolicyException.class,
                () -> ro.check("SELECT my_fn(1)")).rule());
        shared.policy(PolicyConfig.fromProperties(Engine.SQLITE, fns, null)).check("SELECT my_fn(1)");
    }

    @Test
    void scratchCreateAndDropOnSqliteInvalidateAcrossConnections() throws Exception {
        try (SqliteFixture fx = new SqliteFixture(dir, false)) {
            SharedPolicies shared = new SharedPolicies();
            ConcurrentScratchCatalog seesA = fx.catalog; // connection A refreshes after its own writes
            ConcurrentScratchCatalog seesB = new ConcurrentScratchCatalog(); // connection B: stale until refreshed
            SqlPolicy a = shared.policy(new PolicyConfig(Engine.SQLITE, PolicyMode.READ_ONLY, "scratch", seesA, 64, Set.of()));
            SqlPolicy b = shared.policy(new PolicyConfig(Engine.SQLITE, PolicyMode.READ_ONLY, "scratch", seesB, 64, Set.of()));
            assertTrue(a.sharesCacheWith(b));
            String insert = "INSERT INTO notes (n) VALUES (1)";
            String select = "SELECT n FROM notes";

            assertEquals("25006", assertThrows(PolicyException.class, () -> a.check(insert)).getSQLState());
            exec(fx, a.check("CREATE TABLE notes (n INTEGER)"));
            fx.refreshCatalog();
            PolicyDecision ins = a.check(insert);
            assertEquals("INSERT INTO scratch.notes (n) VALUES (1)", ins.sql(), "the cached refusal no longer holds");
            exec(fx, ins);
            assertTrue(a.check(select).touchesScratch());

            // B's catalog does not know notes yet: A's verdicts must not be used for it
            assertEquals("25006", assertThrows(PolicyException.class, () -> b.check(insert)).getSQLState());
            assertFalse(b.check(select).touchesScratch());
            seesB.replaceAll(fx.scratchObjects());
            assertEquals(ins.sql(), b.check(insert).sql());
            assertTrue(b.check(select).touchesScratch());

            exec(fx, a.check("DROP TABLE notes"));
            fx.refreshCatalog();
            assertEquals(List.of(), fx.scratchObjects());
            assertEquals("25006", assertThrows(PolicyException.class, () -> a.check(insert)).getSQLState(),
                    "after DROP the routed INSERT is a write to the source again");
            assertFalse(a.check(select).touchesScratch());
            assertEquals(ins.sql(), b.check(insert).sql(), "B still believes in notes until it refreshes");
            seesB.replaceAll(fx.scratchObjects());
            assertThrows(PolicyException.class, () -> b.check(insert));
        }
    }

    @Test
    void concurrentConnectionsWithDifferentCatalogsGetTheirOwnVerdicts() throws Exception {
        ConcurrentScratchCatalog with = new ConcurrentScratchCatalog();
        with.created("notes");
        ConcurrentScratchCatalog without = new ConcurrentScratchCatalog();
        SharedPolicies shared = new SharedPolicies();
        List<String> sqls = List.of("INSERT INTO notes VALUES (1)", "SELECT * FROM notes", "DELETE FROM notes",
                "SELECT * FROM Album", "DROP TABLE notes", "UPDATE notes SET a = 1", "SELECT 1 FROM notes JOIN Album");
        String expectWith = verdicts(new SqlPolicy(PolicyConfig.defaults(Engine.H2).withScratchCatalog(with)
                .withCacheSize(0)), sqls);
        String expectWithout = verdicts(new SqlPolicy(PolicyConfig.defaults(Engine.H2).withScratchCatalog(without)
                .withCacheSize(0)), sqls);
        assertFalse(expectWith.equals(expectWithout));
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        boolean w = (i + id) % 2 == 0;
                        SqlPolicy p = shared.policy(PolicyConfig.defaults(Engine.H2).withScratchCatalog(w ? with : without));
                        assertEquals(w ? expectWith : expectWithout, verdicts(p, sqls));
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : fs) {
                assertTrue(f.get());
            }
        } finally {
            ex.shutdownNow();
        }
    }

    private static String verdicts(SqlPolicy p, List<String> sqls) {
        StringBuilder sb = new StringBuilder();
        for (String s : sqls) {
            try {
                PolicyDecision d = p.check(s);
                sb.append(d.sql()).append(' ').append(d.touchesScratch()).append('\n');
            } catch (PolicyException e) {
                sb.append(e.getSQLState()).append(' ').append(e.rule()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void exec(EngineFixture fx, PolicyDecision d) throws Exception {
        try (Statement st = fx.connection().createStatement()) {
            st.execute(d.sql());
        }
    }
}
