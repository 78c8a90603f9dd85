package dev.nlsql.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValueIndexTest {

    @Test
    void findsUnquotedValuesLongestFirstWithDatabaseSpelling() {
        ValueIndex idx = new ValueIndex(List.of("singer", "Country", "Name"));
        assertTrue(idx.add("France"));
        assertTrue(idx.add("United States"));
        assertTrue(idx.add("United"));
        assertFalse(idx.add("name"), "schema names are not values");
        assertFalse(idx.add("the"), "common words are not values");
        assertFalse(idx.add("1999"), "numbers are the vault's job");
        String q = "How many singers are from france or the United States?";
        List<ValueIndex.Match> m = idx.find(q);
        assertEquals(2, m.size());
        assertEquals("France", m.get(0).value());
        assertEquals("france", q.substring(m.get(0).start(), m.get(0).end()));
        assertEquals("United States", m.get(1).value());
    }

    @Test
    void wordBoundariesAndPlaceholdersAreRespected() {
        ValueIndex idx = new ValueIndex(List.of());
        idx.add("Paris");
        idx.add("STR");
        assertTrue(idx.find("Parisian singers").isEmpty());
        assertTrue(idx.find("value __STR_1__ here").isEmpty());
        assertEquals(1, idx.find("in Paris.").size());
    }
}
