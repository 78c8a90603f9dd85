package dev.nlsql.nl;

import dev.nlsql.policy.SqlPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.policy.Engine;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facade end to end on the real Chinook database, with fixed candidates standing in for the model. */
class NlDialectTest {

    static Connection chinook;
    static SchemaSnapshot schema;

    @BeforeAll
    static void open() throws Exception {
        chinook = TestDatabases.openSqlite(TestDatabases.chinook());
        schema = TestDatabases.snapshot(chinook);
    }

    @AfterAll
    static void close() throws Exception {
        chinook.close();
    }

    private static NlContext ctx() {
        return new NlContext(Engine.SQLITE, schema, SqlPolicy.forEngine(Engine.SQLITE), chinook);
    }

    private static NlDialect dialect(FixedTranslator t) {
        return new NlDialect(NlOptions.defaults(), t, null, null);
    }

    static List<List<Object>> run(Connection c, NlPlan plan) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(plan.sql())) {
            plan.bind(ps);
            return rows(ps);
        }
    }

    static List<List<Object>> rows(PreparedStatement ps) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    static List<List<Object>> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return rows(ps);
        }
    }

    @Test
    void statementsThatAreNotQuestionsGiveEmpty() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT 1");
        assertTrue(dialect(t).plan("SELECT * FROM Artist", null, ctx()).isEmpty());
        assertTrue(dialect(t).plan("ASKED", null, ctx()).isEmpty());
        assertEquals(0, t.calls.get());
    }

    @Test
    void quotedStringWithApostropheRoundTripsAsParameter() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT al.Title FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId "
                + "WHERE ar.Name = __STR_1__ ORDER BY al.Title");
        NlPlan plan = dialect(t).plan("ask which albums are by 'Guns N'' Roses'?", null, ctx()).orElseThrow();
        assertEquals("which albums are by __STR_1__?", plan.maskedQuestion());
        assertFalse(t.requests.get(0).question().contains("Roses"), "the model must not see the value");
        assertFalse(plan.sql().contains("Roses"), plan.sql());
        assertEquals(1, plan.parameters().size());
        assertEquals("Guns N' Roses", plan.parameters().get(0).value());
        assertEquals(PlanSource.MODEL, plan.source());
        List<List<Object>> got = run(chinook, plan);
        assertEquals(query(chinook, "SELECT Title FROM Album WHERE ArtistId = 88 ORDER BY Title"), got);
        assertFalse(got.isEmpty());
    }

    @Test
    void unicodeValueAndLikePatternAreBound() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT Name FROM Artist WHERE Name LIKE '%__STR_1__%' ORDER BY Name");
        NlPlan plan = dialect(t).plan("ASK artists whose name contains \"ö\"", null, ctx()).orElseThrow();
        assertEquals("ö", plan.parameters().get(0).value());
        List<List<Object>> got = run(chinook, plan);
        assertEquals(query(chinook, "SELECT Name FROM Artist WHERE Name LIKE '%ö%' ORDER BY Name"), got);
        assertTrue(got.size() >= 3, got.toString());
    }

    @Test
    void callerBoundValuesBecomePlaceholders() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT Name FROM Track WHERE Milliseconds > __NUM_1__ AND GenreId = __NUM_2__ ORDER BY TrackId");
        NlPlan plan = dialect(t).plan("ASK tracks longer than ? ms in genre ?", List.of(1_000_000, 1), ctx()).orElseThrow();
        assertEquals("tracks longer than __NUM_1__ ms in genre __NUM_2__", plan.maskedQuestion());
        assertEquals(List.of(1_000_000, 1), plan.parameters().stream().map(NlParameter::value).toList());
        assertEquals(query(chinook, "SELECT Name FROM Track WHERE Milliseconds > 1000000 AND GenreId = 1 ORDER BY TrackId"),
                run(chinook, plan));
    }

    @Test
    void parametersFollowMarkerOrderNotQuestionOrder() throws SQLException {
        FixedTranslator t = new FixedTranslator(
                "SELECT InvoiceId FROM Invoice WHERE Total > __NUM_2__ AND CustomerId = __NUM_1__ ORDER BY InvoiceId");
        NlPlan plan = dialect(t).plan("ASK invoices of customer 2 above 5 dollars", null, ctx()).orElseThrow();
        assertEquals(List.of("__NUM_2__", "__NUM_1__"), plan.parameters().stream().map(NlParameter::placeholder).toList());
        assertEquals(List.of(5L, 2L), plan.parameters().stream().map(NlParameter::value).toList());
        assertEquals(query(chinook, "SELECT InvoiceId FROM Invoice WHERE Total > 5 AND CustomerId = 2 ORDER BY InvoiceId"),
                run(chinook, plan));
    }

    @Test
    void datesAndIdsRoundTrip() throws SQLException {
        String first = (String) query(chinook, "SELECT MIN(date(InvoiceDate)) FROM Invoice").get(0).get(0);
        FixedTranslator t = new FixedTranslator("SELECT InvoiceId, Total FROM Invoice WHERE date(InvoiceDate) = __DATE_1__ ORDER BY InvoiceId");
        NlPlan plan = dialect(t).plan("ASK invoices issued on " + first, null, ctx()).orElseThrow();
        assertEquals("DATE", plan.parameters().get(0).kind());
        assertEquals(first, plan.parameters().get(0).value());
        List<List<Object>> got = run(chinook, plan);
        assertFalse(got.isEmpty());
        assertEquals(query(chinook, "SELECT InvoiceId, Total FROM Invoice WHERE date(InvoiceDate) = ? ORDER BY InvoiceId", first), got);

        FixedTranslator plain = new FixedTranslator("SELECT Invoice.InvoiceId, Invoice.Total FROM Invoice "
                + "WHERE Invoice.InvoiceDate = __DATE_1__ ORDER BY Invoice.InvoiceId");
        NlPlan plainPlan = dialect(plain).plan("ASK invoices issued on " + first, null, ctx()).orElseThrow();
        assertEquals(got, run(chinook, plainPlan), "a date column compared with a date matches on SQLite too");

        FixedTranslator ids = new FixedTranslator("SELECT t.Name FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId "
                + "WHERE il.InvoiceId = __ID_1__ ORDER BY t.Name");
        NlPlan idPlan = dialect(ids).plan("ASK which tracks were sold on invoice #98", null, ctx()).orElseThrow();
        assertEquals("ID", idPlan.parameters().get(0).kind());
        assertEquals(98L, idPlan.parameters().get(0).value());
        assertEquals(query(chinook, "SELECT t.Name FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId "
                + "WHERE il.InvoiceId = 98 ORDER BY t.Name"), run(chinook, idPlan));
    }

    @Test
    void valueLinkingMasksUnquotedDatabaseValuesAndBindsTheirSpelling() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT FirstName, LastName FROM Customer WHERE Country = __STR_1__ ORDER BY CustomerId");
        NlPlan plan = dialect(t).plan("ASK which customers live in GERMANY?", null, ctx()).orElseThrow();
        assertEquals("which customers live in __STR_1__?", plan.maskedQuestion());
        assertEquals("Germany", plan.parameters().get(0).value());
        List<List<Object>> got = run(chinook, plan);
        assertEquals(4, got.size());
        List<String> linked = t.requests.get(0).schema().tables().stream().map(x -> x.name()).toList();
        assertTrue(linked.contains("Customer"), linked.toString());
    }

    @Test
    void firstValidCandidateWinsAndInvalidOnesNeverRun() throws SQLException {
        SqlPolicy policy = SqlPolicy.forEngine(Engine.SQLITE);
        FixedTranslator t = new FixedTranslator(
                "DROP TABLE Artist",
                "SELECT Name FROM Singer",
                "SELECT Name FROM Artist WHERE ArtistId = __NUM_2__",
                "SELECT Name FROM Artist WHERE ArtistId = __NUM_1__");
        NlPlan plan = dialect(t).plan("ASK name of artist 1", null,
                new NlContext(Engine.SQLITE, schema, policy, chinook)).orElseThrow();
        assertEquals("SELECT Name FROM Artist WHERE ArtistId = ?", plan.sql());
        assertEquals(List.of(List.of("AC/DC")), run(chinook, plan));
    }

    @Test
    void noValidCandidateIsModelFailureNamingTheBestCandidate() {
        FixedTranslator t = new FixedTranslator("SELECT Nme FROM Artist", "DELETE FROM Artist");
        SQLException e = assertThrows(SQLException.class, () -> dialect(t).plan("ASK all artists", null, ctx()));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("best candidate: SELECT Nme FROM Artist"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown column"), e.getMessage());
    }

    @Test
    void policyRefusalMakesACandidateInvalid() {
        FixedTranslator t = new FixedTranslator("SELECT load_extension('x') FROM Artist");
        SQLException e = assertThrows(SQLException.class, () -> dialect(t).plan("ASK anything", null, ctx()));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("refused by policy (42501, sqlite.function-deny-list)"), e.getMessage());
    }

    @Test
    void explainAskReturnsTheRowEvenWhenTranslationFails() throws SQLException {
        FixedTranslator good = new FixedTranslator("SELECT COUNT(*) FROM Track WHERE GenreId = __NUM_1__");
        NlPlan plan = dialect(good).plan("explain ASK how many tracks are in genre 3?", null, ctx()).orElseThrow();
        assertTrue(plan.explain());
        List<Object> row = ExplainAsk.row(plan);
        assertEquals(ExplainAsk.COLUMNS.size(), row.size());
        assertEquals("SELECT COUNT(*) FROM Track WHERE GenreId = ?", row.get(0));
        assertEquals("[{\"index\":1,\"placeholder\":\"__NUM_1__\",\"kind\":\"NUM\",\"type\":\"BIGINT\",\"value\":\"3\"}]", row.get(1));
        assertEquals("model", row.get(2));
        assertEquals(schema.sha256(), row.get(3));
        // the model column names the model's decoding and the dialect's selection settings
        assertTrue(((String) row.get(4)).startsWith("fixed-test@001122334455[fixed;nl:candidates=4,execGuided="), (String) row.get(4));
        assertTrue((Double) row.get(5) >= 0);
        assertNull(row.get(6));

        FixedTranslator bad = new FixedTranslator("SELECT * FROM Nowhere");
        NlPlan failed = dialect(bad).plan("EXPLAIN ASK anything at all", null, ctx()).orElseThrow();
        assertTrue(failed.failed());
        List<Object> frow = ExplainAsk.row(failed);
        assertNull(frow.get(0));
        assertNull(frow.get(2));
        assertTrue(((String) frow.get(6)).contains("unknown table: Nowhere"), (String) frow.get(6));
        assertEquals("SELECT * FROM Nowhere", failed.bestCandidate());
    }

    @Test
    void cacheHitReturnsIdenticalSqlWithoutCallingTheModel() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT Title FROM Album WHERE ArtistId = __NUM_1__ ORDER BY Title");
        NlDialect d = dialect(t);
        NlPlan first = d.plan("ASK albums of artist 1", null, ctx()).orElseThrow();
        NlPlan second = d.plan("ask   Albums of artist 22 ?", null, ctx()).orElseThrow();
        assertEquals(PlanSource.MODEL, first.source());
        assertEquals(PlanSource.CACHE, second.source());
        assertEquals(first.sql(), second.sql());
        assertEquals(first.promptHash(), second.promptHash());
        assertEquals(1, t.calls.get());
        assertEquals(22L, second.parameters().get(0).value());
        assertEquals(query(chinook, "SELECT Title FROM Album WHERE ArtistId = 22 ORDER BY Title"), run(chinook, second));
    }

    @Test
    void promptHashIsTheSha256OfTheExactModelInput() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT Name FROM Genre");
        NlPlan plan = dialect(t).plan("ASK list the genres", null, ctx()).orElseThrow();
        assertEquals(Hashing.sha256Hex(PromptText.of(t.requests.get(0))), plan.promptHash());
        assertEquals(64, plan.promptHash().length());
        assertEquals("model", plan.provenanceModel().get("source"));
        assertEquals(plan.promptHash(), plan.provenanceModel().get("promptHash"));
    }

    @Test
    void pinnedTranslationWinsOverModel() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT Name FROM Artist");
        PinnedTranslations pins = PinnedTranslations.of("test-pack",
                java.util.Map.of("how many albums does artist __NUM_1__ have?",
                        "SELECT COUNT(*) FROM Album WHERE ArtistId = __NUM_1__"));
        NlDialect d = new NlDialect(NlOptions.defaults(), t, null, pins);
        NlPlan plan = d.plan("EXPLAIN ASK How many albums does artist 90 have", null, ctx()).orElseThrow();
        assertEquals(PlanSource.PINNED, plan.source());
        assertEquals("pinned", ExplainAsk.row(plan).get(2));
        assertEquals(0, t.calls.get());
        assertEquals(query(chinook, "SELECT COUNT(*) FROM Album WHERE ArtistId = 90"), run(chinook, plan));
    }

    @Test
    void modelThatCannotRunIsModelFailureAndExplainSaysWhy() throws SQLException {
        dev.nlsql.model.Translator broken = new dev.nlsql.model.Translator() {
            @Override
            public List<dev.nlsql.model.Candidate> translate(dev.nlsql.model.TranslationRequest r)
                    throws dev.nlsql.model.TranslationException {
                throw new dev.nlsql.model.TranslationException("weights missing");
            }

            @Override
            public dev.nlsql.model.ModelIdentity identity() {
                return new dev.nlsql.model.ModelIdentity("broken", "ff", "none");
            }
        };
        NlDialect d = new NlDialect(NlOptions.defaults(), broken, null, null);
        SQLException e = assertThrows(SQLException.class, () -> d.plan("ASK all artists", null, ctx()));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("weights missing"), e.getMessage());
        NlPlan explained = d.plan("EXPLAIN ASK all artists", null, ctx()).orElseThrow();
        assertTrue(explained.failed());
        assertTrue(explained.failureReason().contains("the model could not run: weights missing"), explained.failureReason());
    }

    @Test
    void wrongNumberOfBoundValuesIsABadParameter() {
        FixedTranslator t = new FixedTranslator("SELECT Name FROM Artist");
        SQLException e = assertThrows(SQLException.class,
                () -> dialect(t).plan("ASK artists with id ? or ? or more", List.of(1), ctx()));
        assertEquals("22023", e.getSQLState());
    }

    @Test
    void noModelAndNoPinIsModelFailure() {
        NlDialect d = new NlDialect(NlOptions.defaults(), null, null, null);
        SQLException e = assertThrows(SQLException.class, () -> d.plan("ASK all artists", null, ctx()));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("no model is configured"), e.getMessage());
    }

    @Test
    void provenanceViewsOfThePlan() throws SQLException {
        FixedTranslator t = new FixedTranslator("SELECT Name FROM Track WHERE Name = __STR_1__");
        NlPlan plan = dialect(t).plan("ASK the track called 'Balls to the Wall'", null, ctx()).orElseThrow();
        assertEquals("STR", plan.provenancePlaceholders().get("__STR_1__").kind());
        assertEquals("Balls to the Wall", plan.provenancePlaceholders().get("__STR_1__").value());
        assertEquals(1, plan.provenanceParameters().get(0).index());
        assertEquals("VARCHAR", plan.provenanceParameters().get(0).type());
        Optional<String> name = Optional.ofNullable(plan.provenanceModel().get("name"));
        assertEquals("fixed-test", name.orElseThrow());
        assertNotNull(plan.schemaHash());
    }
}
