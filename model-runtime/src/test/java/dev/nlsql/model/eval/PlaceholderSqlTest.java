package dev.nlsql.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaceholderSqlTest {

    @Test
    void barePlaceholdersBecomeMarkersInOrder() {
        var j = PlaceholderSql.toJdbc("SELECT name FROM singer WHERE country = __STR_1__ AND age > __NUM_1__ LIMIT __NUM_2__");
        assertEquals("SELECT name FROM singer WHERE country = ? AND age > ? LIMIT ?", j.sql());
        assertEquals(List.of("__STR_1__", "__NUM_1__", "__NUM_2__"), j.parameters());
    }

    @Test
    void quotedAndPatternPlaceholders() {
        var j = PlaceholderSql.toJdbc("SELECT 'it''s' FROM t WHERE a = '__STR_1__' OR b LIKE '%__STR_2__%'");
        assertEquals("SELECT 'it''s' FROM t WHERE a = ? OR b LIKE ('%' || ? || '%')", j.sql());
        assertEquals(List.of("__STR_1__", "__STR_2__"), j.parameters());
    }

    @Test
    void doubleQuotedIdentifiersAreLeftAlone() {
        var j = PlaceholderSql.toJdbc("SELECT \"__STR_1__\" FROM t");
        assertEquals("SELECT \"__STR_1__\" FROM t", j.sql());
        assertTrue(j.parameters().isEmpty());
    }

    @Test
    void exactness() {
        assertTrue(PlaceholderSql.exact("SELECT * FROM t WHERE a = __STR_1__ OR b = __STR_1__", Set.of("__STR_1__")));
        assertFalse(PlaceholderSql.exact("SELECT * FROM t", Set.of("__STR_1__")));
        assertFalse(PlaceholderSql.exact("SELECT * FROM t WHERE a = __STR_1__ AND b = __NUM_9__", Set.of("__STR_1__")));
        assertFalse(PlaceholderSql.exact("SELECT * FROM t WHERE a = __VAL_1__", Set.of()));
        assertTrue(PlaceholderSql.exact("SELECT 1", Set.of()));
    }
}
