package dev.nlsql.driver.backend;

import static org.junit.jupiter.api.Assertions.*;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.policy.Engine;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How each backend rewrites target URLs: read-only options added, dangerous ones stripped. */
class BackendUrlTest {

    static NlsqlConfig config(String... kv) throws Exception {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return NlsqlConfig.from(p);
    }

    static final NlsqlConfig READ_ONLY;
    static final NlsqlConfig AUDIT;

    static {
        try {
            READ_ONLY = config();
            AUDIT = config("nlsql.policy.mode", "audit");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void backendsAreChosenByTargetUrl() {
        assertInstanceOf(SqliteBackend.class, Backends.forTarget("sqlite:/x.db"));
        assertInstanceOf(DuckDbBackend.class, Backends.forTarget("duckdb:"));
        assertInstanceOf(H2Backend.class, Backends.forTarget("h2:mem:x"));
        assertInstanceOf(PostgresBackend.class, Backends.forTarget("postgresql://h/db"));
        assertInstanceOf(SqlServerBackend.class, Backends.forTarget("sqlserver://h;databaseName=x"));
        assertInstanceOf(GenericBackend.class, Backends.forTarget("trino://h:8080/hive"));
        for (Engine e : Engine.values()) {
            assertEquals(e.id(), Backends.forEngine(e).dialect());
        }
    }

    @Test
    void quoting() {
        assertEquals("\"a\"\"b\"", Backends.forEngine(Engine.SQLITE).quoteIdentifier("a\"b"));
        assertEquals("[a]]b]", Backends.forEngine(Engine.SQLSERVER).quoteIdentifier("a]b"));
        assertEquals("\"x\"", Backends.forEngine(Engine.GENERIC).quoteIdentifier("x"));
    }

    @Test
    void sqlite() throws Exception {
        Properties props = new Properties();
        props.setProperty("enable_load_extension", "true");
        props.setProperty("open_mode", "6");
        OpenRequest r = new SqliteBackend().openRequest("jdbc:sqlite:/data/a b#%.db", props, READ_ONLY);
        assertEquals("jdbc:sqlite:file:/data/a b%23%25.db?mode=ro", r.url());
        assertTrue(r.readOnly());
        assertTrue(r.properties().isEmpty(), "enable_load_extension and open_mode stripped");
        r = new SqliteBackend().openRequest("jdbc:sqlite:file:/x.db?mode=rw&enable_load_extension=true&cache=shared", new Properties(), READ_ONLY);
        assertEquals("jdbc:sqlite:file:/x.db?cache=shared&mode=ro", r.url());
        r = new SqliteBackend().openRequest("jdbc:sqlite::memory:", new Properties(), READ_ONLY);
        assertFalse(r.readOnly());
        assertNull(r.sourceLocation());
        r = new SqliteBackend().openRequest("jdbc:sqlite:/x.db?enable_load_extension=true", new Properties(), AUDIT);
        assertEquals("jdbc:sqlite:/x.db", r.url(), "audit: as given, but still without extension loading");
    }

    @Test
    void duckdb() throws Exception {
        Properties props = new Properties();
        props.setProperty("session_init_sql_file", "/tmp/evil.sql");
        props.setProperty("allow_unsigned_extensions", "true");
        props.setProperty("threads", "2");
        OpenRequest r = new DuckDbBackend().openRequest("jdbc:duckdb:/d/x.duckdb?access_mode=READ_WRITE", props, READ_ONLY);
        assertTrue(r.url().startsWith("jdbc:duckdb::memory:nlsql_"), r.url());
        assertEquals("/d/x.duckdb", r.sourceLocation());
        assertEquals("2", r.properties().getProperty("threads"));
        assertNull(r.properties().getProperty("session_init_sql_file"));
        assertNull(r.properties().getProperty("allow_unsigned_extensions"));
        r = new DuckDbBackend().openRequest("jdbc:duckdb:/d/x.duckdb?session_init_sql_file=/e.sql", new Properties(), AUDIT);
        assertEquals("jdbc:duckdb:/d/x.duckdb", r.url());
    }

    @Test
    void h2() throws Exception {
        Properties props = new Properties();
        props.setProperty("INIT", "RUNSCRIPT FROM '/tmp/x.sql'");
        props.setProperty("user", "sa");
        OpenRequest r = new H2Backend().openRequest("jdbc:h2:/d/db;MODE=PostgreSQL;init=CREATE ALIAS X\\;CALL X();ACCESS_MODE_DATA=rw",
                props, READ_ONLY);
        assertEquals("jdbc:h2:/d/db;MODE=PostgreSQL;ACCESS_MODE_DATA=r", r.url());
        assertEquals("sa", r.properties().getProperty("user"));
        assertNull(r.properties().getProperty("INIT"));
        r = new H2Backend().openRequest("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", new Properties(), READ_ONLY);
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", r.url(), "in-memory H2 cannot be opened read-only");
        assertFalse(r.readOnly());
    }

    @Test
    void postgres() throws Exception {
        Properties props = new Properties();
        props.setProperty("socketFactory", "evil.Factory");
        OpenRequest r = new PostgresBackend().openRequest(
                "jdbc:postgresql://h/db?user=u&readOnly=false&options=-c%20search_path%3Dx&sslfactory=evil.F", props, READ_ONLY);
        assertEquals("jdbc:postgresql://h/db?user=u", r.url());
        assertEquals("true", r.properties().getProperty("readOnly"));
        assertEquals("always", r.properties().getProperty("readOnlyMode"));
        assertEquals("-c search_path=x -c default_transaction_read_only=on", r.properties().getProperty("options"));
        assertNull(r.properties().getProperty("socketFactory"));
        r = new PostgresBackend().openRequest("jdbc:postgresql://h/db?readOnly=false", new Properties(), AUDIT);
        assertEquals("jdbc:postgresql://h/db?readOnly=false", r.url());
        assertNull(r.properties().getProperty("options"));
    }

    /** SQL Server: only the URL rewriting can be tested here (no server can run). */
    @Test
    void sqlServer() throws Exception {
        OpenRequest r = new SqlServerBackend().openRequest(
                "jdbc:sqlserver://h:1433;databaseName=x;applicationIntent=ReadWrite;encrypt=false", new Properties(), READ_ONLY);
        assertEquals("jdbc:sqlserver://h:1433;databaseName=x;encrypt=false", r.url());
        assertEquals("ReadOnly", r.properties().getProperty("applicationIntent"));
        assertTrue(r.readOnly());
        assertNotNull(dev.nlsql.driver.NlsqlDriver.targetDriver(r.url()), "mssql-jdbc is on the class path");
    }

    @Test
    void generic() throws Exception {
        OpenRequest r = new GenericBackend().openRequest("jdbc:trino://h:8080/hive", new Properties(), READ_ONLY);
        assertEquals("jdbc:trino://h:8080/hive", r.url());
        assertTrue(r.readOnly());
    }
}
