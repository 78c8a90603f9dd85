package dev.nlsql.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueIndexBuilderTest {

    @Test
    void filtersAndFeedsTheVault() {
        ValueIndexBuilder b = new ValueIndexBuilder(List.of("singer", "Country", "Song_Name"));
        assertTrue(b.add("singer.Country", "FRANCE"));
        assertTrue(b.add("singer.Country", "United States"));
        assertFalse(b.add("singer.Country", "france"), "same value twice");
        assertFalse(b.add("singer.Name", "country"), "schema names are not values");
        assertFalse(b.add("singer.Name", "song name"), "schema names with _ as space are not values");
        assertFalse(b.add("singer.Name", "the"), "common words are not values");
        assertFalse(b.add("singer.Name", "1999"), "numbers are the vault's job");
        assertFalse(b.add("singer.Name", "ab"), "too short");
        assertEquals(2, b.size());

        MaskedQuestion m = IdVault.mask("How many singers are from France or the United States?", List.of(), b.build());
        assertEquals("How many singers are from __STR_1__ or the __STR_2__?", m.text());
        assertEquals("singer.Country", m.slots().get("__STR_1__").column());
        assertEquals("FRANCE", b.databaseSpelling((String) m.slots().get("__STR_1__").value()));
        assertEquals("Mars", b.databaseSpelling("Mars"));
    }
}
