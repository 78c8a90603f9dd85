package dev.nlsql.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.sql.SqlRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldSqlConverterTest {

    private static final SchemaContext SCHEMA = new SchemaContext(List.of(
            new SchemaContext.Table("singer", List.of(
                    new SchemaContext.Column("Singer_ID", "number", true),
                    new SchemaContext.Column("Name", "text", false),
                    new SchemaContext.Column("Country", "text", false),
                    new SchemaContext.Column("Age", "number", false))),
            new SchemaContext.Table("singer_in_concert", List.of(
                    new SchemaContext.Column("concert_ID", "number", true),
                    new SchemaContext.Column("Singer_ID", "text", false)))),
            List.of(new SchemaContext.ForeignKey("singer_in_concert", "Singer_ID", "singer", "Singer_ID")));

    private static String convert(String q, String sql) {
        GoldSqlConverter.Result r = GoldSqlConverter.convert("concert_singer", SCHEMA, q, sql);
        return r.example() == null ? "REJECT " + r.rejection()
                : r.example().question() + " | " + SqlRenderer.render(r.example().sql(), SCHEMA);
    }

    @Test
    void valuesBecomeTheSamePlaceholdersInQuestionAndSql() {
        assertEquals("singers from __STR_1__ older than __NUM_1__ | SELECT singer.Name FROM singer WHERE singer.Country = __STR_1__ AND singer.Age > __NUM_1__",
                convert("singers from France older than 30", "SELECT name FROM singer WHERE country = 'France' AND age > 30"));
    }

    @Test
    void aliasesResolveToTables() {
        assertEquals("names of singers in concerts | SELECT DISTINCT singer.Name FROM singer JOIN singer_in_concert ON singer.Singer_ID = singer_in_concert.Singer_ID",
                convert("names of singers in concerts", "SELECT DISTINCT T1.name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.singer_id = T2.singer_id"));
    }

    @Test
    void likePatternsAndSubqueryScopes() {
        assertEquals("singers with __STR_1__ in the name | SELECT singer.Name FROM singer WHERE singer.Name LIKE '%' || __STR_1__ || '%'",
                convert("singers with 'Hey' in the name", "SELECT name FROM singer WHERE name LIKE '%Hey%'"));
        assertEquals("singers in no concert | SELECT singer.Name FROM singer WHERE singer.Singer_ID NOT IN (SELECT singer_in_concert.Singer_ID FROM singer_in_concert)",
                convert("singers in no concert", "SELECT name FROM singer WHERE singer_id NOT IN (SELECT singer_id FROM singer_in_concert)"));
    }

    @Test
    void inexpressiblePairsAreRejected() {
        assertEquals("REJECT value-not-in-question", convert("French singers", "SELECT name FROM singer WHERE country = 'France'"));
        assertEquals("REJECT unused-placeholder", convert("the 3 oldest singers", "SELECT name FROM singer ORDER BY age DESC"));
        assertNull(GoldSqlConverter.convert("x", SCHEMA, "pairs", "SELECT T1.name FROM singer AS T1 JOIN singer AS T2 ON T1.age = T2.age").example());
    }
}
