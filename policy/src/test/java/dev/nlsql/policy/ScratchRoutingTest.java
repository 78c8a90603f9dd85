package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * Scratch writes end to end on the real engines: tables and views created through the policy land
 * in scratch, unqualified writes to them are routed there, reads join scratch and source, writes
 * to the source are refused with 25006, and the source is unchanged at the end.
 */
class ScratchRoutingTest extends OnEachEngine {

    @Override
    void run(EngineFixture fx) throws Exception {
        String digest0 = fx.digest();
        SqlPolicy p = fx.policy(PolicyMode.READ_ONLY);
        String s = fx.scratchSchema();

        PolicyDecision d = exec(fx, p, "CREATE TABLE fav AS SELECT AlbumId, Title FROM Album WHERE AlbumId <= 3");
        assertEquals(StatementKind.SCRATCH_WRITE, d.kind());
        assertTrue(d.sql().startsWith("CREATE TABLE " + s + ".fav"), d.sql());
        assertEquals(List.of("fav"), fx.scratchObjects().stream().map(String::toLowerCase).toList());

        assertTrue(exec(fx, p, "INSERT INTO fav (AlbumId, Title) VALUES (99, 'mine')").sql()
                .startsWith("INSERT INTO " + s + ".fav"));
        exec(fx, p, "UPDATE fav SET Title = 'changed' WHERE AlbumId = 1");
        exec(fx, p, "DELETE FROM fav WHERE AlbumId = 2");
        exec(fx, p, "CREATE VIEW favv AS SELECT AlbumId, Title FROM fav WHERE AlbumId < 50");

        PolicyDecision q = p.check("SELECT f.Title, a.ArtistId FROM fav f LEFT JOIN Album a ON a.AlbumId = f.AlbumId"
                + " ORDER BY f.AlbumId");
        assertTrue(q.touchesScratch());
        List<String> rows = OrdinaryQueriesTest.rows(fx.connection(), q.sql());
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("changed|1"), rows.toString());
        assertTrue(rows.get(2).startsWith("mine|"), rows.toString());
        assertEquals(2, OrdinaryQueriesTest.rows(fx.connection(), p.check("SELECT Title FROM favv").sql()).size());

        PolicyException e = assertThrows(PolicyException.class, () -> p.check("UPDATE Album SET Title = 'x'"));
        assertEquals("25006", e.getSQLState());
        assertTrue(e.getMessage().contains("CREATE TABLE " + s + ".Album AS SELECT * FROM Album"), e.getMessage());

        exec(fx, p, "DROP VIEW favv");
        exec(fx, p, "DROP TABLE fav");
        assertEquals(List.of(), fx.scratchObjects());
        assertThrows(PolicyException.class, () -> p.check("DELETE FROM fav"));
        assertEquals(digest0, fx.digest(), "source unchanged");
    }

}
