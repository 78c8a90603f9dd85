package dev.nlsql.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The policy's verdicts, SQLStates, messages, routing, modes and cache, without an engine. */
class SqlPolicyTest {

    private static PolicyException refused(StatementPolicy p, String sql) {
        return assertThrows(PolicyException.class, () -> p.check(sql), () -> "should be refused: " + sql);
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "DUCKDB", "H2", "POSTGRESQL"})
    void everyParserDifferentialIsRefusedOrNeutralised(Engine engine) throws Exception {
        SqlPolicy p = SqlPolicy.forEngine(engine);
        for (Corpora.Case c : Corpora.differentials()) {
            boolean reject = !c.id().equals("benign_limit");
            try {
                PolicyDecision d = p.check(c.sql());
                assertTrue(reject ? neutralised(d.sql()) : true, engine + " " + c.id() + " ran as: " + d.sql());
                assertEquals(StatementKind.QUERY, d.kind(), c.id());
            } catch (PolicyException e) {
                assertFalse(!reject, engine + " refused the benign case " + c.id() + ": " + e.getMessage());
                assertTrue(Set.of("42501", "25006", "42000").contains(e.getSQLState()), e.getSQLState());
            }
        }
    }

    /** A REJECT case that still runs must have lost its payload: one plain statement, no comment. */
    private static boolean neutralised(String sql) {
        String u = sql.toUpperCase(Locale.ROOT);
        return !u.contains(";") && !u.contains("CREATE") && !u.contains("DROP") && !u.contains("/*") && !u.contains("--")
                && !u.contains("//");
    }

    @Test
    void duckDbSamplingIsRefusedRatherThanRunWithAnotherMeaning() throws Exception {
        SqlPolicy duck = SqlPolicy.forEngine(Engine.DUCKDB);
        for (String sql : List.of("SELECT * FROM t TABLESAMPLE SYSTEM (10)",
                "SELECT * FROM t AS x TABLESAMPLE BERNOULLI (5) WHERE x.a > 1",
                "SELECT x FROM range(1000) r(x) TABLESAMPLE SYSTEM (10)")) {
            PolicyException e = refused(duck, sql);
            assertTrue(Set.of("duckdb.sample", "parse").contains(e.rule()), sql + ": " + e.getMessage());
        }
        PolicyException e = refused(duck, "SELECT * FROM t TABLESAMPLE SYSTEM (10)");
        assertEquals("duckdb.sample", e.rule());
        assertEquals("42501", e.getSQLState());
        // elsewhere the standard clause keeps its meaning when re-rendered and still runs
        assertEquals(StatementKind.QUERY, SqlPolicy.forEngine(Engine.POSTGRESQL)
                .check("SELECT * FROM t TABLESAMPLE SYSTEM (10)").kind());
    }

    @Test
    void refusalsNameTheConstructAndRule() {
        SqlPolicy p = SqlPolicy.forEngine(Engine.SQLITE);
        PolicyException e = refused(p, "ATTACH DATABASE '/tmp/x.db' AS x");
        assertEquals("42501", e.getSQLState());
        assertEquals("sqlite.attach", e.rule());
        assertTrue(e.getMessage().contains("ATTACH"), e.getMessage());

        e = refused(p, "SELECT load_extension('/tmp/x.so')");
        assertEquals("42501", e.getSQLState());
        assertTrue(e.getMessage().contains("load_extension"), e.getMessage());

        e = refused(p, "SELEC 1 FROM");
        assertEquals("42000", e.getSQLState());
        assertEquals("parse", e.rule());
        assertTrue(e.getMessage().contains("Encountered"), "parse error in message: " + e.getMessage());

        e = refused(p, "SELECT 1; SELECT 2");
        assertEquals("one-statement", e.rule());

        e = refused(p, "INSERT INTO Album (Title) VALUES ('x')");
        assertEquals("25006", e.getSQLState());
        assertTrue(e.getMessage().contains("CREATE TABLE scratch.Album AS SELECT * FROM Album"), e.getMessage());
    }

    @Test
    void perEngineDangerousConstructs() {
        String[][] cases = {
            {"SQLITE", "PRAGMA writable_schema = 1"}, {"SQLITE", "VACUUM INTO '/tmp/x.db'"}, {"SQLITE", "backup to /tmp/x.db"},
            {"SQLITE", "restore from /tmp/x.db"}, {"SQLITE", "DETACH DATABASE scratch"}, {"SQLITE", "ANALYZE"},
            {"SQLITE", "REINDEX"}, {"SQLITE", "CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END"},
            {"DUCKDB", "COPY t TO '/tmp/x.csv'"}, {"DUCKDB", "EXPORT DATABASE '/tmp/x'"}, {"DUCKDB", "INSTALL httpfs"},
            {"DUCKDB", "LOAD httpfs"}, {"DUCKDB", "USE scratch"}, {"DUCKDB", "SET threads = 1"}, {"DUCKDB", "RESET threads"},
            {"DUCKDB", "PRAGMA enable_profiling"}, {"DUCKDB", "CREATE SECRET s (TYPE s3)"}, {"DUCKDB", "CREATE MACRO m(a) AS a"},
            {"DUCKDB", "CALL pragma_table_info('t')"}, {"DUCKDB", "SELECT * FROM read_csv('/etc/passwd')"},
            {"DUCKDB", "SELECT * FROM glob('/etc/*')"}, {"DUCKDB", "SELECT * FROM query('SELECT 1')"},
            {"DUCKDB", "SELECT * FROM query_table('t')"}, {"DUCKDB", "SELECT * FROM '/etc/passwd'"},
            {"DUCKDB", "SELECT * FROM \"/etc/passwd.csv\""}, {"DUCKDB", "ATTACH '/tmp/x.db' AS x"},
            {"H2", "CREATE ALIAS X FOR 'java.lang.System.getProperty'"}, {"H2", "CREATE TRIGGER t1 BEFORE INSERT ON t CALL 'x'"},
            {"H2", "CREATE AGGREGATE A FOR 'x'"}, {"H2", "CREATE LINKED TABLE l('a', 'b', 'c', 'd', 'e')"},
            {"H2", "RUNSCRIPT FROM '/tmp/x.sql'"}, {"H2", "SCRIPT NODATA"}, {"H2", "BACKUP TO '/tmp/x.zip'"},
            {"H2", "SET MODE MySQL"}, {"H2", "SHUTDOWN"}, {"H2", "SELECT FILE_READ('/etc/passwd')"},
            {"H2", "SELECT FILE_WRITE('x', '/tmp/x')"}, {"H2", "SELECT * FROM CSVREAD('/etc/passwd')"},
            {"H2", "SELECT CSVWRITE('/tmp/x', 'SELECT 1')"}, {"H2", "SELECT LINK_SCHEMA('a', '', 'jdbc:h2:mem:', 'sa', '', 'P')"},
            {"H2", "SELECT NEXT VALUE FOR s"},
            {"POSTGRESQL", "COPY t TO PROGRAM 'id'"}, {"POSTGRESQL", "SELECT pg_read_file('/etc/passwd')"},
            {"POSTGRESQL", "SELECT * FROM pg_ls_dir('.')"}, {"POSTGRESQL", "SELECT lo_import('/etc/passwd')"},
            {"POSTGRESQL", "SELECT dblink('x', 'SELECT 1')"}, {"POSTGRESQL", "DO $$BEGIN END$$"},
            {"POSTGRESQL", "SET default_transaction_read_only = off"},
            {"POSTGRESQL", "SELECT set_config('default_transaction_read_only', 'off', false)"},
            {"POSTGRESQL", "BEGIN READ WRITE"}, {"POSTGRESQL", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"},
            {"POSTGRESQL", "SELECT pg_advisory_lock(1)"}, {"POSTGRESQL", "SELECT pg_sleep(1)"},
            {"POSTGRESQL", "SELECT query_to_xml('SELECT 1', true, false, '')"},
            {"POSTGRESQL", "SELECT pg_terminate_backend(1)"}, {"POSTGRESQL", "SELECT nextval('s')"},
            {"POSTGRESQL", "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"},
            {"POSTGRESQL", "SELECT * FROM t FOR UPDATE"}, {"POSTGRESQL", "SELECT a INTO newt FROM t"},
            {"SQLSERVER", "EXEC xp_cmdshell 'dir'"}, {"SQLSERVER", "EXECUTE sp_who"},
            {"SQLSERVER", "SELECT * FROM OPENROWSET(BULK 'x', SINGLE_CLOB) AS x"}, {"SQLSERVER", "BULK INSERT t FROM 'x'"},
            {"SQLSERVER", "WAITFOR DELAY '0:0:5'"}, {"SQLSERVER", "SELECT a INTO newt FROM t"},
            {"SQLSERVER", "SELECT * FROM srv.db.dbo.t"}, {"SQLSERVER", "DECLARE @x int"},
            {"SQLSERVER", "SELECT a FROM t WITH (NOLOCK)"}, {"SQLSERVER", "SELECT * FROM OPENQUERY(s, 'x')"},
        };
        for (String[] c : cases) {
            PolicyException e = refused(SqlPolicy.forEngine(Engine.valueOf(c[0])), c[1]);
            assertTrue(Set.of("42501", "25006", "42000").contains(e.getSQLState()), c[1] + ": " + e.getSQLState());
            assertFalse(e.getSQLState().startsWith("08") || e.getSQLState().equals("0A000"));
        }
    }

    @Test
    void queriesRunReRenderedNeverAsTyped() throws Exception {
        SqlPolicy p = SqlPolicy.forEngine(Engine.POSTGRESQL);
        PolicyDecision d = p.check("select  Title from Album /* hi */ where AlbumId = ? -- tail");
        assertEquals(StatementKind.QUERY, d.kind());
        assertEquals("read-only-query", d.rule());
        assertFalse(d.sql().contains("hi") || d.sql().contains("--") || d.sql().contains("tail"), d.sql());
        assertEquals(1, d.sql().chars().filter(ch -> ch == '?').count(), d.sql());

        // metadata table functions, set operations, VALUES, EXPLAIN of a query
        assertEquals(StatementKind.QUERY, SqlPolicy.forEngine(Engine.SQLITE)
                .check("SELECT name FROM pragma_table_info('Album')").kind());
        assertEquals(StatementKind.QUERY, p.check("SELECT 1 UNION SELECT 2 EXCEPT SELECT 3").kind());
        assertEquals(StatementKind.QUERY, p.check("VALUES (1, 'a'), (2, 'b')").kind());
        assertEquals(StatementKind.QUERY, p.check("EXPLAIN SELECT * FROM t").kind());
        refused(p, "EXPLAIN ANALYZE DELETE FROM t");
    }

    @Test
    void onlyQuestionMarkParameters() throws Exception {
        SqlPolicy p = SqlPolicy.forEngine(Engine.SQLITE);
        PolicyDecision d = p.check("SELECT * FROM Album WHERE AlbumId = ? AND Title <> ? OR ArtistId IN (?, ?)");
        assertEquals(4, d.sql().chars().filter(ch -> ch == '?').count());
        for (String s : List.of("SELECT * FROM t WHERE a = ?1", "SELECT * FROM t WHERE a = :name",
                "SELECT * FROM t WHERE a = $1", "SELECT * FROM t WHERE a = @x")) {
            assertEquals("42501", refused(p, s).getSQLState(), s);
        }
    }

    @Test
    void dialectSyntaxSurvivesTheRenderCheck() throws Exception {
        SqlPolicy duck = SqlPolicy.forEngine(Engine.DUCKDB);
        assertTrue(duck.check("SELECT {'x': a, 'y': 2} AS s FROM t").sql().contains("'x'"));
        assertTrue(duck.check("SELECT l[1:2] FROM t").sql().replace(" ", "").contains("[1:2]"));
        SqlPolicy pg = SqlPolicy.forEngine(Engine.POSTGRESQL);
        assertTrue(pg.check("SELECT a FROM t WHERE tags @> ARRAY['x']").sql().contains("@>"));
        assertTrue(pg.check("SELECT '1'::int, $$x;y$$").sql().contains("$$x;y$$"));
        // JSqlParser reads E'\'' as E'\' + a new string; PostgreSQL as one string: refused
        PolicyException e = refused(pg, "SELECT E'\\'', 1; CREATE TABLE pwned(x int); --'");
        assertTrue(Set.of("render-check", "one-statement").contains(e.rule()), e.rule());
    }

    @Test
    void batchesWithoutSeparatorsAreRefused() {
        for (Engine e : List.of(Engine.SQLSERVER, Engine.SQLITE, Engine.POSTGRESQL)) {
            SqlPolicy p = SqlPolicy.forEngine(e);
            assertEquals("render-check", refused(p, "SELECT 1 DELETE FROM t").rule(), e + "");
            assertTrue(Set.of("render-check", "parse", "one-statement").contains(
                    refused(p, "SELECT a FROM t\r\n\r\n\r\nDROP TABLE t").rule()), e + "");
            assertTrue(Set.of("render-check", "parse").contains(
                    refused(p, "CREATE TABLE x AS SELECT 1 AS a DELETE FROM t").rule()), e + "");
        }
    }

    @Test
    void deepNestingAndHugeInputFailClosed() {
        SqlPolicy p = SqlPolicy.forEngine(Engine.SQLITE);
        String deep = "SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000);
        try {
            p.check(deep);
        } catch (PolicyException e) {
            assertTrue(Set.of("42501", "42000").contains(e.getSQLState()), e.getSQLState());
        }
        assertEquals("statement-size", refused(p, "SELECT '" + "x".repeat(SqlPolicy.MAX_STATEMENT_CHARS) + "'").rule());
    }

    @Test
    void writesGoToScratch() throws Exception {
        ConcurrentScratchCatalog cat = new ConcurrentScratchCatalog();
        SqlPolicy p = new SqlPolicy(PolicyConfig.defaults(Engine.SQLITE).withScratchCatalog(cat));

        PolicyDecision d = p.check("CREATE TABLE big AS SELECT * FROM Album WHERE AlbumId > 100");
        assertEquals(StatementKind.SCRATCH_WRITE, d.kind());
        assertEquals("scratch-write", d.rule());
        assertTrue(d.sql().startsWith("CREATE TABLE scratch.big AS SELECT"), d.sql());
        assertTrue(d.touchesScratch());

        assertTrue(p.check("CREATE VIEW v AS SELECT Title FROM Album").sql().startsWith("CREATE VIEW scratch.v"));
        assertTrue(p.check("CREATE TABLE notes (id INTEGER PRIMARY KEY, txt TEXT NOT NULL DEFAULT 'x')").sql()
                .startsWith("CREATE TABLE scratch.notes"));
        assertEquals(StatementKind.SCRATCH_WRITE, p.check("INSERT INTO scratch.big SELECT * FROM Album").kind());

        // unqualified write to something not (yet) in scratch: refused, 25006, with the way out
        PolicyException e = refused(p, "INSERT INTO big (Title) VALUES ('x')");
        assertEquals("25006", e.getSQLState());
        assertEquals("source-read-only", e.rule());

        cat.created("big");
        d = p.check("INSERT INTO big (Title) VALUES ('x')");
        assertEquals("INSERT INTO scratch.big (Title) VALUES ('x')", d.sql());
        assertEquals("UPDATE scratch.big SET Title = 'y' WHERE AlbumId = 1",
                p.check("UPDATE big SET Title = 'y' WHERE AlbumId = 1").sql());
        assertEquals("DELETE FROM scratch.big WHERE AlbumId = 1", p.check("DELETE FROM big WHERE AlbumId = 1").sql());
        assertEquals("DROP TABLE scratch.big", p.check("DROP TABLE big").sql());

        for (String s : List.of("UPDATE Album SET Title = 'x'", "DELETE FROM Album", "DROP TABLE Album",
                "INSERT INTO main.big VALUES (1)", "CREATE TABLE main.x (a INT)", "TRUNCATE TABLE Album",
                "UPDATE scratch.big SET Title = (SELECT load_extension('x'))",
                "CREATE TABLE x (a INT DEFAULT (load_extension('x')))",
                "CREATE TABLE x (a INT CHECK (a > 0))")) {
            PolicyException r = refused(p, s);
            assertTrue(Set.of("42501", "25006").contains(r.getSQLState()), s + " -> " + r.getSQLState());
        }
    }

    @Test
    void scratchSchemaIsConfigurable() throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("nlsql.scratch.schema", "work");
        SqlPolicy p = new SqlPolicy(PolicyConfig.fromProperties(Engine.H2, props, null));
        assertTrue(p.check("CREATE TABLE x AS SELECT 1 AS a").sql().startsWith("CREATE TABLE work.x"));
        assertThrows(IllegalArgumentException.class, () -> PolicyConfig.fromProperties(Engine.H2,
                propsOf("nlsql.scratch.schema", "a;b"), null));
        assertThrows(IllegalArgumentException.class, () -> PolicyConfig.fromProperties(Engine.H2,
                propsOf("nlsql.policy.mode", "yolo"), null));
    }

    private static java.util.Properties propsOf(String k, String v) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty(k, v);
        return p;
    }

    @Test
    void strictModeAllowsNoWrites() throws Exception {
        SqlPolicy p = new SqlPolicy(PolicyConfig.defaults(Engine.DUCKDB).withMode(PolicyMode.STRICT));
        assertEquals(StatementKind.QUERY, p.check("SELECT 1").kind());
        PolicyException e = refused(p, "CREATE TABLE x AS SELECT 1");
        assertEquals("25006", e.getSQLState());
        assertEquals("strict-read-only", e.rule());
        refused(p, "INSERT INTO scratch.x VALUES (1)");
    }

    @Test
    void auditModeAllowsEverythingAndMarksIt() throws Exception {
        SqlPolicy p = new SqlPolicy(PolicyConfig.defaults(Engine.SQLITE).withMode(PolicyMode.AUDIT));
        PolicyDecision d = p.check("DROP TABLE Album");
        assertEquals("audit", d.rule());
        assertEquals("DROP TABLE Album", d.sql());
        assertEquals(StatementKind.OTHER, d.kind());
        assertEquals(StatementKind.QUERY, p.check("SELECT 1").kind());
        assertEquals("audit", p.checkCall("{call x()}").rule());
    }

    @Test
    void callableStatementsAreRefusedOutsideAudit() {
        for (PolicyMode m : List.of(PolicyMode.READ_ONLY, PolicyMode.STRICT)) {
            SqlPolicy p = new SqlPolicy(PolicyConfig.defaults(Engine.H2).withMode(m));
            PolicyException e = assertThrows(PolicyException.class, () -> p.checkCall("{call FILE_READ('/etc/passwd')}"));
            assertEquals("42501", e.getSQLState());
            assertEquals("callable-statement", e.rule());
        }
        refused(SqlPolicy.forEngine(Engine.H2), "{call FILE_READ('/etc/passwd')}");
    }

    @Test
    void transactionControl() throws Exception {
        SqlPolicy p = SqlPolicy.forEngine(Engine.POSTGRESQL);
        for (String s : List.of("BEGIN", "begin transaction", "COMMIT", "rollback", "START TRANSACTION READ ONLY",
                "SAVEPOINT a1", "ROLLBACK TO SAVEPOINT a1", "RELEASE SAVEPOINT a1")) {
            assertEquals(StatementKind.TRANSACTION, p.check(s).kind(), s);
        }
        assertEquals("START TRANSACTION READ ONLY", p.check("start   transaction read only").sql());
        for (String s : List.of("BEGIN READ WRITE", "BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "START TRANSACTION READ WRITE")) {
            assertEquals("transaction-mode", refused(p, s).rule(), s);
        }
    }

    @Test
    void cacheReturnsTheSameVerdictAndFollowsTheCatalog() throws Exception {
        ConcurrentScratchCatalog cat = new ConcurrentScratchCatalog();
        SqlPolicy p = new SqlPolicy(PolicyConfig.defaults(Engine.SQLITE).withScratchCatalog(cat));
        PolicyDecision a = p.check("SELECT Title FROM Album WHERE AlbumId = ?");
        assertSame(a, p.check("SELECT Title FROM Album WHERE AlbumId = ?"));
        refused(p, "INSERT INTO notes VALUES (1)");
        refused(p, "INSERT INTO notes VALUES (1)");
        cat.created("notes");
        assertEquals("INSERT INTO scratch.notes VALUES (1)", p.check("INSERT INTO notes VALUES (1)").sql());

        SqlPolicy small = new SqlPolicy(PolicyConfig.defaults(Engine.SQLITE).withCacheSize(50));
        for (int i = 0; i < 500; i++) {
            small.check("SELECT " + i);
        }
        assertTrue(small.cachedStatements() <= 50, "cache bounded: " + small.cachedStatements());
    }

    @Test
    void threadSafe() throws Exception {
        SqlPolicy p = SqlPolicy.forEngine(Engine.DUCKDB);
        List<String> sqls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sqls.add(i % 3 == 0 ? "SELECT " + i + " FROM t" : i % 3 == 1 ? "DROP TABLE t" + i : "SELECT * FROM read_csv('x" + i + "')");
        }
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(ex.submit(() -> {
                    StringBuilder sb = new StringBuilder();
                    for (String s : sqls) {
                        try {
                            sb.append(p.check(s).sql()).append('\n');
                        } catch (PolicyException e) {
                            sb.append(e.getSQLState()).append(e.rule()).append('\n');
                        }
                    }
                    return sb.toString();
                }));
            }
            String first = fs.get(0).get();
            for (Future<String> f : fs) {
                assertEquals(first, f.get());
            }
        } finally {
            ex.shutdownNow();
        }
    }
}
