package dev.nlsql.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeaturizerTest {

    private static final SchemaContext SCHEMA = new SchemaContext(List.of(
            new SchemaContext.Table("Customer", List.of(
                    new SchemaContext.Column("CustomerId", "INTEGER", true),
                    new SchemaContext.Column("Country", "NVARCHAR(40)", false))),
            new SchemaContext.Table("Invoice", List.of(
                    new SchemaContext.Column("InvoiceId", "INTEGER", true),
                    new SchemaContext.Column("CustomerId", "INTEGER", false),
                    new SchemaContext.Column("Total", "NUMERIC(10,2)", false)))),
            List.of(new SchemaContext.ForeignKey("Invoice", "CustomerId", "Customer", "CustomerId")));

    @Test
    void pointersLinkingAndTypes() {
        Featurizer f = new Featurizer(ModelConfig.standard());
        Encoded e = f.encode(SCHEMA, "customers in __STR_1__ with invoices over __NUM_1__", Set.of());
        assertNotNull(e);
        // 2 tables + 5 columns + 2 placeholders
        assertEquals(9, e.pointers().length);
        int country = e.positionOf().get("C:0.1");
        assertEquals(Featurizer.COL_TEXT, e.special()[country]);
        int total = e.positionOf().get("C:1.2");
        assertEquals(Featurizer.COL_TEXT + 1, e.special()[total]);
        int invoice = e.positionOf().get("T:1");
        assertEquals(8, e.tag()[invoice], "table 'Invoice' fully linked by 'invoices'");
        assertEquals(Featurizer.PH_STR + 1, e.special()[e.positionOf().get("P:__NUM_1__")]);
        List<SqlToken> sql = List.of(SqlToken.kw("SELECT"), SqlToken.col(0, 1), SqlToken.kw("FROM"), SqlToken.tab(0));
        int[] targets = Featurizer.targets(e, sql);
        assertEquals(dev.nlsql.model.sql.Keywords.size() + country, targets[1]);
        int[] special = new int[sql.size() + 1];
        List<java.util.Map<Integer, Float>> mix = new ArrayList<>();
        Featurizer.sqlInput(e, sql, special, mix);
        assertEquals(Featurizer.PTR_COL, special[2]);
        assertTrue(mix.get(2).containsKey(country));
    }

    @Test
    void pruningKeepsRequiredColumns() {
        List<SchemaContext.Column> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(new SchemaContext.Column("attribute_number_" + i, "TEXT", false));
        }
        SchemaContext wide = new SchemaContext(List.of(new SchemaContext.Table("Wide", many)), List.of());
        Encoded e = new Featurizer(ModelConfig.standard()).encode(wide, "show attribute number 117", Set.of("C:0.5"));
        assertTrue(e.length() <= ModelConfig.standard().maxPrefix());
        assertTrue(e.positionOf().containsKey("C:0.5"));
        assertTrue(e.positionOf().size() < 121);
    }
}
