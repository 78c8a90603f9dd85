package dev.nlsql.nl;

import dev.nlsql.policy.SqlPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.policy.Engine;
import dev.nlsql.provenance.SchemaScope;
import dev.nlsql.provenance.SchemaSnapshot;
import dev.nlsql.provenance.SchemaSnapshotter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same questions on H2, DuckDB and PostgreSQL: part of Chinook (Artist, Album, Invoice) is
 * copied from the SQLite file into each engine, and the plans' results must equal SQLite's.
 * Checks name rendering (H2 upper-case names, PostgreSQL quoted mixed-case names), typed
 * binding of dates and numbers, bound LIMIT, LIKE concatenation and value linking per engine.
 */
class EngineRoundTripTest {

    enum Target { H2, DUCKDB, POSTGRESQL }

    private static final String PG_SCHEMA = "nl_dialect_test";

    private static Connection open(Target t) throws SQLException {
        return switch (t) {
            case H2 -> DriverManager.getConnection("jdbc:h2:mem:nl_" + System.nanoTime());
            case DUCKDB -> DriverManager.getConnection("jdbc:duckdb:");
            case POSTGRESQL -> {
                String url = System.getenv("NLSQL_PG_URL");
                if (url == null || url.isBlank()) {
                    url = "postgresql://127.0.0.1:54329/nlsql?user=nlsql&password=nlsql";
                }
                yield DriverManager.getConnection("jdbc:" + url);
            }
        };
    }

    /** Creates and fills the three tables; PostgreSQL gets quoted mixed-case names in its own schema. */
    private static void load(Target t, Connection target, Connection sqlite) throws SQLException {
        boolean pg = t == Target.POSTGRESQL;
        String p = pg ? PG_SCHEMA + "." : "";
        String q = pg ? "\"" : "";
        try (Statement st = target.createStatement()) {
            if (pg) {
                st.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
                st.execute("CREATE SCHEMA " + PG_SCHEMA);
            }
            st.execute("CREATE TABLE " + p + q + "Artist" + q + " (" + q + "ArtistId" + q + " INTEGER PRIMARY KEY, "
                    + q + "Name" + q + " VARCHAR(120))");
            st.execute("CREATE TABLE " + p + q + "Album" + q + " (" + q + "AlbumId" + q + " INTEGER PRIMARY KEY, "
                    + q + "Title" + q + " VARCHAR(160), " + q + "ArtistId" + q + " INTEGER REFERENCES " + p + q + "Artist" + q + ")");
            st.execute("CREATE TABLE " + p + q + "Invoice" + q + " (" + q + "InvoiceId" + q + " INTEGER PRIMARY KEY, "
                    + q + "InvoiceDate" + q + " TIMESTAMP, " + q + "BillingCountry" + q + " VARCHAR(40), "
                    + q + "Total" + q + " DECIMAL(10,2))");
        }
        copy(sqlite, target, "SELECT ArtistId, Name FROM Artist", "INSERT INTO " + p + q + "Artist" + q + " VALUES (?, ?)", false);
        copy(sqlite, target, "SELECT AlbumId, Title, ArtistId FROM Album", "INSERT INTO " + p + q + "Album" + q + " VALUES (?, ?, ?)", false);
        copy(sqlite, target, "SELECT InvoiceId, InvoiceDate, BillingCountry, Total FROM Invoice",
                "INSERT INTO " + p + q + "Invoice" + q + " VALUES (?, ?, ?, ?)", true);
    }

    private static void copy(Connection from, Connection to, String select, String insert, boolean invoice) throws SQLException {
        boolean auto = to.getAutoCommit();
        to.setAutoCommit(false);
        try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery(select);
             PreparedStatement ps = to.prepareStatement(insert)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    if (invoice && i == 2) {
                        ps.setTimestamp(i, java.sql.Timestamp.valueOf(rs.getString(i)));
                    } else if (invoice && i == 4) {
                        ps.setBigDecimal(i, rs.getBigDecimal(i));
                    } else {
                        ps.setObject(i, rs.getObject(i));
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        to.commit();
        to.setAutoCommit(auto);
    }

    private static Engine engine(Target t) {
        return switch (t) {
            case H2 -> Engine.H2;
            case DUCKDB -> Engine.DUCKDB;
            case POSTGRESQL -> Engine.POSTGRESQL;
        };
    }

    private static NlPlan plan(String question, String candidate, NlContext ctx) throws SQLException {
        return new NlDialect(NlOptions.defaults(), new FixedTranslator(candidate), null, null)
                .plan(question, List.of(), ctx).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void sameAnswersAsSqlite(Target t) throws Exception {
        try (Connection sqlite = TestDatabases.openSqlite(TestDatabases.chinook()); Connection c = open(t)) {
            load(t, c, sqlite);
            SchemaScope scope = t == Target.POSTGRESQL ? SchemaScope.only(PG_SCHEMA) : SchemaScope.all();
            SchemaSnapshot schema = SchemaSnapshotter.snapshot(c, scope);
            NlContext ctx = new NlContext(engine(t), schema, SqlPolicy.forEngine(engine(t)), c);

            NlPlan albums = plan("ASK albums by 'AC/DC'",
                    "SELECT al.title FROM album al JOIN artist ar ON ar.artistid = al.artistid WHERE ar.name = __STR_1__ ORDER BY al.title", ctx);
            if (t == Target.POSTGRESQL) {
                assertTrue(albums.sql().contains("FROM nl_dialect_test.\"Album\" al"), albums.sql());
            }
            assertEquals(NlDialectTest.query(sqlite, "SELECT al.Title FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId "
                    + "WHERE ar.Name = 'AC/DC' ORDER BY al.Title"), NlDialectTest.run(c, albums));

            NlPlan dated = plan("ASK invoices on 2021-01-11 billed to 'Germany' or later",
                    "SELECT InvoiceId FROM Invoice WHERE CAST(InvoiceDate AS DATE) >= __DATE_1__ AND BillingCountry = __STR_1__ ORDER BY InvoiceId", ctx);
            assertEquals("DATE", dated.parameters().get(0).typeName());
            List<List<Object>> want = NlDialectTest.query(sqlite,
                    "SELECT InvoiceId FROM Invoice WHERE date(InvoiceDate) >= '2021-01-11' AND BillingCountry = 'Germany' ORDER BY InvoiceId");
            assertFalse(want.isEmpty());
            assertTrue(ResultRows.same(want, NlDialectTest.run(c, dated), true));

            NlPlan top = plan("ASK the 3 largest invoices",
                    "SELECT InvoiceId, Total FROM Invoice ORDER BY Total DESC, InvoiceId LIMIT __NUM_1__", ctx);
            assertTrue(ResultRows.same(NlDialectTest.query(sqlite, "SELECT InvoiceId, Total FROM Invoice ORDER BY Total DESC, InvoiceId LIMIT 3"),
                    NlDialectTest.run(c, top), true));

            NlPlan like = plan("ASK artists whose name contains 'Mö'",
                    "SELECT Name FROM Artist WHERE Name LIKE '%__STR_1__%' ORDER BY Name", ctx);
            assertTrue(ResultRows.same(NlDialectTest.query(sqlite, "SELECT Name FROM Artist WHERE Name LIKE '%Mö%' ORDER BY Name"),
                    NlDialectTest.run(c, like), true));

            NlPlan linked = plan("ASK total of invoices billed to GERMANY",
                    "SELECT SUM(Total) FROM Invoice WHERE BillingCountry = __STR_1__", ctx);
            assertEquals("Germany", linked.parameters().get(0).value());
            assertTrue(ResultRows.same(NlDialectTest.query(sqlite, "SELECT SUM(Total) FROM Invoice WHERE BillingCountry = 'Germany'"),
                    NlDialectTest.run(c, linked), false));
        }
    }

    @org.junit.jupiter.api.Test
    void valueIndexDoesNotAbortTheCallersPostgresqlTransaction() throws Exception {
        try (Connection sqlite = TestDatabases.openSqlite(TestDatabases.chinook()); Connection c = open(Target.POSTGRESQL)) {
            load(Target.POSTGRESQL, c, sqlite);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + PG_SCHEMA + ".\"Gone\" (\"Label\" VARCHAR(20))");
            }
            SchemaSnapshot schema = SchemaSnapshotter.snapshot(c, SchemaScope.only(PG_SCHEMA));
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + PG_SCHEMA + ".\"Gone\"");
            }
            c.setAutoCommit(false);
            try {
                JdbcValueIndex idx = JdbcValueIndex.build(c, schema, Engine.POSTGRESQL, 5000, 200_000, 64, 10_000);
                assertEquals("AC/DC", idx.exactValue("ac/dc").orElseThrow());
                assertEquals(List.of(List.of(1)), NlDialectTest.query(c, "SELECT 1"), "transaction still usable");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
