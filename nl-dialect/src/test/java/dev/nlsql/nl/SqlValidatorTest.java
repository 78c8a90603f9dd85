package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.policy.Engine;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlValidatorTest {

    static SchemaSnapshot chinook;
    static SchemaSnapshot northwind;

    @BeforeAll
    static void load() throws Exception {
        try (Connection c = TestDatabases.openSqlite(TestDatabases.chinook())) {
            chinook = TestDatabases.snapshot(c);
        }
        try (Connection c = TestDatabases.openSqlite(TestDatabases.northwind())) {
            northwind = TestDatabases.snapshot(c);
        }
    }

    private static SqlValidation sqlite(String sql, String... placeholders) {
        return new SqlValidator(chinook, Engine.SQLITE, null).validate(sql, Set.of(placeholders));
    }

    @Test
    void acceptsJoinWithAliasesAndBindsPlaceholdersInOrder() {
        SqlValidation v = sqlite("SELECT c.FirstName, COUNT(*) AS n FROM customer c JOIN Invoice i "
                + "ON i.CustomerId = c.CustomerId WHERE c.Country = __STR_1__ GROUP BY c.FirstName "
                + "HAVING COUNT(*) > __NUM_1__ ORDER BY n DESC LIMIT __NUM_2__", "__STR_1__", "__NUM_1__", "__NUM_2__");
        assertTrue(v.valid(), v.reason());
        assertEquals(List.of("__STR_1__", "__NUM_1__", "__NUM_2__"), v.placeholderOrder());
        assertFalse(v.sql().contains("__"), v.sql());
        assertTrue(v.sql().contains("FROM Customer c"), v.sql());
        assertEquals(3, v.sql().chars().filter(ch -> ch == '?').count());
    }

    @Test
    void quotedPlaceholderAndLikePattern() {
        SqlValidation v = sqlite("SELECT Name FROM Track WHERE Name LIKE '%__STR_1__%' AND Composer = '__STR_2__'",
                "__STR_1__", "__STR_2__");
        assertTrue(v.valid(), v.reason());
        assertTrue(v.sql().contains("LIKE ('%' || ? || '%')"), v.sql());
        assertTrue(v.sql().contains("Composer = ?"), v.sql());
    }

    @Test
    void refusesUnknownTable() {
        SqlValidation v = sqlite("SELECT * FROM Customers");
        assertFalse(v.valid());
        assertTrue(v.reason().startsWith("unknown table"), v.reason());
    }

    @Test
    void refusesUnknownColumnOnAlias() {
        SqlValidation v = sqlite("SELECT a.Name FROM Album a");
        assertFalse(v.valid());
        assertTrue(v.reason().contains("unknown column"), v.reason());
    }

    @Test
    void refusesUnknownUnqualifiedColumn() {
        SqlValidation v = sqlite("SELECT Title FROM Artist");
        assertFalse(v.valid());
        assertTrue(v.reason().contains("unknown column"), v.reason());
    }

    @Test
    void refusesMissingAndInventedPlaceholders() {
        SqlValidation missing = sqlite("SELECT Name FROM Artist", "__STR_1__");
        assertFalse(missing.valid());
        assertTrue(missing.reason().contains("missing [__STR_1__]"), missing.reason());
        SqlValidation invented = sqlite("SELECT Name FROM Artist WHERE ArtistId = __ID_2__", "__ID_1__");
        assertFalse(invented.valid());
        assertTrue(invented.reason().contains("invented [__ID_2__]"), invented.reason());
    }

    @Test
    void refusesWritesMultipleStatementsGarbageAndMarkers() {
        assertTrue(sqlite("DELETE FROM Artist").reason().startsWith("not a SELECT"));
        assertTrue(sqlite("SELECT 1; DROP TABLE Artist").reason().startsWith("not exactly one"));
        assertTrue(sqlite("SELECT FROM WHERE").reason().startsWith("does not parse"));
        assertTrue(sqlite("SELECT Name FROM Artist WHERE ArtistId = ?").reason().contains("? parameter"));
        assertFalse(sqlite("").valid());
    }

    @Test
    void acceptsCteSubqueryAndSetOperation() {
        assertTrue(sqlite("WITH t AS (SELECT ArtistId, COUNT(*) AS cnt FROM Album GROUP BY ArtistId) "
                + "SELECT ar.Name, t.cnt FROM t JOIN Artist ar ON ar.ArtistId = t.ArtistId ORDER BY t.cnt DESC LIMIT 5").valid());
        SqlValidation sub = sqlite("SELECT Name FROM Track WHERE AlbumId IN (SELECT AlbumId FROM Album WHERE Title = __STR_1__)",
                "__STR_1__");
        assertTrue(sub.valid(), sub.reason());
        assertTrue(sqlite("SELECT Name FROM Artist UNION SELECT Name FROM Genre").valid());
        SqlValidation derived = sqlite("SELECT x.total FROM (SELECT SUM(Total) AS total FROM Invoice) x");
        assertTrue(derived.valid(), derived.reason());
    }

    @Test
    void quotesNamesWithSpacesAndSquareBrackets() {
        SqlValidator v = new SqlValidator(northwind, Engine.SQLITE, null);
        SqlValidation r = v.validate("SELECT SUM(od.Quantity) FROM [Order Details] od JOIN products p "
                + "ON p.ProductID = od.ProductID WHERE p.productname = __STR_1__", Set.of("__STR_1__"));
        assertTrue(r.valid(), r.reason());
        assertTrue(r.sql().contains("FROM \"Order Details\" od"), r.sql());
        assertTrue(r.sql().contains("p.ProductName = ?"), r.sql());
    }

    @Test
    void sqlServerRendersLimitAsTop() {
        SqlValidator v = new SqlValidator(chinook, Engine.SQLSERVER, null);
        SqlValidation r = v.validate("SELECT Name FROM Track ORDER BY Milliseconds DESC LIMIT __NUM_1__", Set.of("__NUM_1__"));
        assertTrue(r.valid(), r.reason());
        assertEquals("SELECT TOP (?) Name FROM Track ORDER BY Milliseconds DESC", r.sql());
        SqlValidation lit = v.validate("SELECT Name FROM Track LIMIT 5", Set.of());
        assertEquals("SELECT TOP (5) Name FROM Track", lit.sql());
        SqlValidation nested = v.validate("SELECT Name FROM Artist WHERE ArtistId IN "
                + "(SELECT ArtistId FROM Album ORDER BY AlbumId LIMIT 3)", Set.of());
        assertTrue(nested.sql().contains("(SELECT TOP (3) ArtistId FROM Album ORDER BY AlbumId)"), nested.sql());
        SqlValidation like = v.validate("SELECT Name FROM Track WHERE Name LIKE '%__STR_1__'", Set.of("__STR_1__"));
        assertTrue(like.sql().endsWith("LIKE ('%' + ?)"), like.sql());
        assertFalse(v.validate("SELECT Name FROM Track LIMIT 5 OFFSET 10", Set.of()).valid());
    }

    @Test
    void sqlServerQuotesWithBracketsAndOtherEnginesTurnTopIntoLimit() {
        SqlValidation ss = new SqlValidator(northwind, Engine.SQLSERVER, null)
                .validate("SELECT TOP 3 \"OrderID\" FROM \"Order Details\"", Set.of());
        assertEquals("SELECT TOP 3 OrderID FROM [Order Details]", ss.sql());
        SqlValidation lite = new SqlValidator(chinook, Engine.SQLITE, null).validate("SELECT TOP 3 Name FROM Artist", Set.of());
        assertTrue(lite.valid(), lite.reason());
        assertEquals("SELECT Name FROM Artist LIMIT 3", lite.sql());
    }

    @Test
    void postgresqlQuotesMixedCaseNames() {
        SqlValidation pg = new SqlValidator(chinook, Engine.POSTGRESQL, null)
                .validate("SELECT name FROM artist WHERE artistid = __ID_1__", Set.of("__ID_1__"));
        assertEquals("SELECT \"Name\" FROM \"Artist\" WHERE \"ArtistId\" = ?", pg.sql());
    }

    @Test
    void sqlServerRenderingPassesTheSqlServerPolicy() {
        SqlValidator v = new SqlValidator(chinook, Engine.SQLSERVER, dev.nlsql.policy.SqlPolicy.forEngine(Engine.SQLSERVER));
        SqlValidation r = v.validate("SELECT a.Name, COUNT(*) AS n FROM Artist a JOIN Album al ON al.ArtistId = a.ArtistId "
                + "WHERE a.Name LIKE '__STR_1__%' GROUP BY a.Name ORDER BY n DESC LIMIT __NUM_1__", Set.of("__STR_1__", "__NUM_1__"));
        assertTrue(r.valid(), r.reason());
        assertTrue(r.sql().startsWith("SELECT TOP (?) a.Name"), r.sql());
        assertTrue(r.sql().contains("LIKE (? + '%')"), r.sql());
        assertEquals(List.of("__NUM_1__", "__STR_1__"), r.placeholderOrder());
    }

    @Test
    void realPolicyRefusesDangerousFunctionsInsideSelect() {
        SqlValidator v = new SqlValidator(chinook, Engine.SQLITE, dev.nlsql.policy.SqlPolicy.forEngine(Engine.SQLITE));
        SqlValidation r = v.validate("SELECT load_extension('/tmp/x.so') FROM Artist", Set.of());
        assertFalse(r.valid());
        assertTrue(r.reason().startsWith("refused by policy (42501"), r.reason());
    }

    @Test
    void modelStyleOutputWithQualifiedColumnsAndConcatenatedLike() {
        SqlValidation v = sqlite("SELECT Track.Name FROM Track JOIN Genre ON Track.GenreId = Genre.GenreId "
                + "WHERE Genre.Name LIKE '%' || __STR_1__ || '%'", "__STR_1__");
        assertTrue(v.valid(), v.reason());
        assertTrue(v.sql().endsWith("LIKE '%' || ? || '%'"), v.sql());
        SqlValidation ss = new SqlValidator(chinook, Engine.SQLSERVER, null).validate(
                "SELECT Track.Name FROM Track WHERE Track.Name LIKE '%' || __STR_1__ || '%'", Set.of("__STR_1__"));
        assertTrue(ss.valid(), ss.reason());
        assertEquals("SELECT Track.Name FROM Track WHERE Track.Name LIKE '%' + ? + '%'", ss.sql());
    }

    @Test
    void refusesAmbiguousUnqualifiedColumnInOneScope() {
        SqlValidation v = sqlite("SELECT Name FROM Track JOIN Genre ON Track.GenreId = Genre.GenreId");
        assertFalse(v.valid());
        assertTrue(v.reason().startsWith("ambiguous column: Name"), v.reason());
        assertTrue(sqlite("SELECT Title FROM Album JOIN Artist USING (ArtistId)").valid());
        assertTrue(sqlite("SELECT Name FROM Artist WHERE ArtistId IN (SELECT ArtistId FROM Album)").valid());
    }

    @Test
    void sqliteDateColumnsComparedWithDatePlaceholdersUseDate() {
        SqlValidation v = sqlite("SELECT Invoice.InvoiceId FROM Invoice WHERE Invoice.InvoiceDate = __DATE_1__", "__DATE_1__");
        assertTrue(v.valid(), v.reason());
        assertEquals("SELECT Invoice.InvoiceId FROM Invoice WHERE date(Invoice.InvoiceDate) = ?", v.sql());
        SqlValidation between = sqlite("SELECT COUNT(*) FROM Invoice WHERE InvoiceDate BETWEEN __DATE_1__ AND __DATE_2__",
                "__DATE_1__", "__DATE_2__");
        assertEquals("SELECT COUNT(*) FROM Invoice WHERE date(InvoiceDate) BETWEEN ? AND ?", between.sql());
        assertEquals("SELECT COUNT(*) FROM Invoice WHERE Total > ?",
                sqlite("SELECT COUNT(*) FROM Invoice WHERE Total > __NUM_1__", "__NUM_1__").sql());
        SqlValidation pg = new SqlValidator(chinook, Engine.POSTGRESQL, null)
                .validate("SELECT InvoiceId FROM Invoice WHERE InvoiceDate = __DATE_1__", Set.of("__DATE_1__"));
        assertEquals("SELECT \"InvoiceId\" FROM \"Invoice\" WHERE \"InvoiceDate\" = ?", pg.sql());
    }

    @Test
    void refusesTableFunctions() {
        SqlValidation v = new SqlValidator(chinook, Engine.DUCKDB, null).validate("SELECT * FROM read_csv('/etc/passwd')", Set.of());
        assertFalse(v.valid());
        assertTrue(v.reason().startsWith("reads a table function"), v.reason());
    }
}
