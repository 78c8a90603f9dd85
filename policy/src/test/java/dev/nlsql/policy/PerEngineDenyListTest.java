package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.policy.internal.FunctionRules;
import dev.nlsql.policy.internal.RenderedSqlCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The function deny-list is per engine where it matters ({@code functions/deny.txt}): SQLite's
 * scalar {@code glob(pattern, text)} (the GLOB operator, which neither parser reads) is allowed
 * and runs on a real SQLite database; DuckDB's {@code glob()}, which lists host files, stays
 * refused, as do calls of {@code glob} on every other engine.
 */
class PerEngineDenyListTest {

    @TempDir
    Path dir;

    @Test
    void sqliteGlobFunctionIsAllowedAndRunsLikeTheGlobOperator() throws Exception {
        try (SqliteFixture fx = new SqliteFixture(dir)) {
            SqlPolicy p = fx.policy(PolicyMode.READ_ONLY);
            PolicyDecision d = p.check("SELECT Name FROM Track WHERE glob('A*', Name)");
            assertEquals(StatementKind.QUERY, d.kind());
            List<String> rows = OrdinaryQueriesTest.rows(fx.connection(), d.sql());
            assertFalse(rows.isEmpty(), d.sql());
            assertTrue(rows.stream().allMatch(r -> r.startsWith("A")), rows.toString());
            assertEquals(OrdinaryQueriesTest.rows(fx.connection(), "SELECT Name FROM src.Track WHERE Name GLOB 'A*'"), rows);
            // case-sensitive, unlike LIKE: lower-case 'a*' matches other rows than 'A*'
            List<String> lower = OrdinaryQueriesTest.rows(fx.connection(),
                    p.check("SELECT Name FROM Track WHERE glob('a*', Name)").sql());
            assertTrue(lower.stream().allMatch(r -> r.startsWith("a")), lower.toString());
            assertNull(FunctionRules.denyReason(Engine.SQLITE, "glob"));

            // as a table function it is still unknown on SQLite (allow-list), so refused
            PolicyException e = assertThrows(PolicyException.class, () -> p.check("SELECT * FROM glob('/etc/*')"));
            assertEquals("42501", e.getSQLState());
        }
    }

    @Test
    void duckDbGlobStaysRefusedBecauseItListsHostFiles() throws Exception {
        try (DuckDbFixture fx = new DuckDbFixture(dir)) {
            // why: on the raw connection DuckDB's glob() lists files of the host
            assertFalse(OrdinaryQueriesTest.rows(fx.connection(), "SELECT * FROM glob('/etc/*')").isEmpty());
            SqlPolicy p = fx.policy(PolicyMode.READ_ONLY);
            for (String sql : List.of("SELECT * FROM glob('/etc/*')", "SELECT glob('x', 'y')",
                    "SELECT Name FROM Track WHERE glob('A*', Name)", "SELECT * FROM Track, glob('/etc/*')")) {
                PolicyException e = assertThrows(PolicyException.class, () -> p.check(sql), sql);
                assertEquals("42501", e.getSQLState(), sql);
                assertEquals("duckdb.function-deny-list", e.rule(), sql + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("glob() is refused: lists host directories"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRESQL", "SQLSERVER", "GENERIC"})
    void globStaysDeniedOnTheOtherEngines(Engine engine) {
        SqlPolicy p = SqlPolicy.forEngine(engine);
        PolicyException e = assertThrows(PolicyException.class, () -> p.check("SELECT glob('x', 'y')"));
        assertEquals("42501", e.getSQLState());
        assertEquals(engine.id() + ".function-deny-list", e.rule(), e.getMessage());
        assertEquals("lists host directories (DuckDB table function)", FunctionRules.denyReason(engine, "glob"));
    }

    @Test
    void theTokenLevelCheckOfTheRenderedSqlFollowsTheEngine() throws Exception {
        assertEquals(0, RenderedSqlCheck.check(Engine.SQLITE, "SELECT Name FROM Track WHERE glob('A*', Name)"));
        PolicyException e = assertThrows(PolicyException.class,
                () -> RenderedSqlCheck.check(Engine.DUCKDB, "SELECT Name FROM Track WHERE glob('A*', Name)"));
        assertEquals("duckdb.function-deny-list", e.rule());
        // entries without an engine list still hold everywhere
        for (Engine engine : Engine.values()) {
            assertTrue(FunctionRules.denyReason(engine, "load_extension") != null, engine.id());
        }
    }
}
