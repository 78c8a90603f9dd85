package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.policy.Engine;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaLinkerTest {

    static SchemaSnapshot chinook;
    static SchemaSnapshot northwind;
    static JdbcValueIndex chinookValues;

    @BeforeAll
    static void load() throws Exception {
        try (Connection c = TestDatabases.openSqlite(TestDatabases.chinook())) {
            chinook = TestDatabases.snapshot(c);
            chinookValues = JdbcValueIndex.build(c, chinook, Engine.SQLITE, 5000, 200_000, 64);
        }
        try (Connection c = TestDatabases.openSqlite(TestDatabases.northwind())) {
            northwind = TestDatabases.snapshot(c);
        }
    }

    private static List<String> tables(SchemaSnapshot s, String question, List<String> valueColumns) {
        return new SchemaLinker(s, 4, 24).link(question, valueColumns).tables().stream()
                .map(SchemaContext.Table::name).toList();
    }

    @Test
    void picksNamedTables() {
        List<String> t = tables(chinook, "which albums were made by each artist", List.of());
        assertEquals(List.of("Album", "Artist"), t.subList(0, 2));
        assertTrue(t.size() <= 4, t.toString());
    }

    @Test
    void addsForeignKeyJoinPath() {
        List<String> t = tables(chinook, "which customers bought tracks of the genre __STR_1__", List.of("Genre.Name"));
        assertTrue(t.containsAll(List.of("Customer", "Track", "Genre", "Invoice", "InvoiceLine")), t.toString());
        SchemaContext ctx = new SchemaLinker(chinook, 4, 24).link("which customers bought tracks of the genre __STR_1__",
                List.of("Genre.Name"));
        assertTrue(ctx.foreignKeys().contains(new SchemaContext.ForeignKey("InvoiceLine", "InvoiceId", "Invoice", "InvoiceId")),
                ctx.toCompactText());
        assertTrue(ctx.foreignKeys().contains(new SchemaContext.ForeignKey("Invoice", "CustomerId", "Customer", "CustomerId")));
    }

    @Test
    void synonymsAndValueHints() {
        assertTrue(tables(chinook, "how many songs are longer than __NUM_1__ minutes", List.of()).contains("Track"));
        MaskedQuestion m = IdVault.mask("list the invoices billed to Canada", List.of(), chinookValues);
        assertEquals("list the invoices billed to __STR_1__", m.text());
        List<String> cols = chinookValues.columnsFor("canada");
        assertTrue(cols.contains("Invoice.BillingCountry") && cols.contains("Customer.Country"), cols.toString());
        assertTrue(tables(chinook, m.text(), cols).contains("Invoice"));
    }

    @Test
    void northwindTablesWithSpacesAndPaths() {
        List<String> t = tables(northwind, "total quantity of order details per product category", List.of());
        assertTrue(t.containsAll(List.of("Order Details", "Categories", "Products")), t.toString());
        List<String> e = tables(northwind, "which employees handled orders shipped to __STR_1__", List.of("Orders.ShipCountry"));
        assertEquals("Orders", e.get(0), e.toString());
        assertTrue(e.contains("Employees"), e.toString());
    }

    @Test
    void respectsBudgetAndKeepsKeys() {
        SchemaContext ctx = new SchemaLinker(northwind, 2, 3).link("products and their suppliers", List.of());
        assertEquals(2, ctx.tables().size());
        for (SchemaContext.Table t : ctx.tables()) {
            assertTrue(t.columns().stream().anyMatch(SchemaContext.Column::primaryKey) || t.name().equals("Products"),
                    ctx.toCompactText());
        }
        SchemaContext.Table products = ctx.tables().stream().filter(t -> t.name().equals("Products")).findFirst().orElseThrow();
        assertTrue(products.columns().stream().anyMatch(c -> c.name().equals("SupplierID")), ctx.toCompactText());
    }

    @Test
    void valueIndexSkipsCommonWordsAndNumbers() {
        assertTrue(chinookValues.size() > 1000, "values: " + chinookValues.size());
        assertTrue(chinookValues.columnFor("show").isEmpty());
        assertTrue(chinookValues.columnFor("album").isEmpty());
        assertEquals("Germany", chinookValues.exactValue("GERMANY").orElseThrow());
        assertFalse(IdVault.mask("top 5 tracks by length", List.of(), chinookValues).text().contains("__STR"));
    }
}
