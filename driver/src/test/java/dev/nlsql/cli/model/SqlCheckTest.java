package dev.nlsql.cli.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.SchemaContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlCheckTest {

    static final SchemaContext SCHEMA = new SchemaContext(List.of(
            new SchemaContext.Table("singer", List.of(new SchemaContext.Column("Singer_ID", "number", true),
                    new SchemaContext.Column("Name", "text", false), new SchemaContext.Column("Age", "number", false))),
            new SchemaContext.Table("concert", List.of(new SchemaContext.Column("concert_ID", "number", true),
                    new SchemaContext.Column("Singer_ID", "number", false)))), List.of());

    @Test
    void validQueries() {
        assertTrue(SqlCheck.check("SELECT T1.name, count(*) AS n FROM singer AS T1 JOIN concert AS T2 ON T1.singer_id = T2.singer_id "
                + "WHERE T1.age > ? GROUP BY T1.name ORDER BY n DESC LIMIT ?", SCHEMA).schemaValid());
        assertTrue(SqlCheck.check("SELECT name FROM singer WHERE age > (SELECT avg(age) FROM singer) "
                + "EXCEPT SELECT name FROM singer WHERE name LIKE ('%' || ? || '%')", SCHEMA).schemaValid());
        assertTrue(SqlCheck.check("SELECT \"Name\" FROM \"singer\"", SCHEMA).schemaValid());
    }

    @Test
    void invalidQueries() {
        SqlCheck.Result r = SqlCheck.check("SELECT nickname FROM singer", SCHEMA);
        assertTrue(r.parses());
        assertFalse(r.schemaValid());
        assertTrue(r.problem().contains("nickname"));
        assertFalse(SqlCheck.check("SELECT name FROM singers", SCHEMA).schemaValid());
        assertFalse(SqlCheck.check("SELECT name FROM singer; SELECT 1", SCHEMA).parses());
        assertFalse(SqlCheck.check("SELECT FROM WHERE", SCHEMA).parses());
        SqlCheck.Result del = SqlCheck.check("DELETE FROM singer", SCHEMA);
        assertTrue(del.parses());
        assertFalse(del.select());
        assertFalse(del.schemaValid());
    }
}
