package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptTextTest {

    private static final SchemaContext SCHEMA = new SchemaContext(List.of(
            new SchemaContext.Table("Customer", List.of(
                    new SchemaContext.Column("CustomerId", "INTEGER", true),
                    new SchemaContext.Column("Country", "NVARCHAR(40)", false)))),
            List.of());

    private static TranslationRequest request(Map<String, Set<String>> values) {
        return new TranslationRequest(SCHEMA, "customers in __STR_1__", Map.of("__STR_1__", "STR"), "sqlite", 4, values);
    }

    @Test
    void valueLinkingHintsAreHashedOnlyWhenPresent() {
        String without = PromptText.of(request(Map.of()));
        assertFalse(without.contains("values:"), without);
        assertTrue(without.endsWith("candidates: 4\n"), without);
        // the same text as before hints existed (5-argument request)
        assertEquals(without, PromptText.of(new TranslationRequest(SCHEMA, "customers in __STR_1__",
                Map.of("__STR_1__", "STR"), "sqlite", 4)));

        String with = PromptText.of(request(Map.of("__STR_1__", Set.of("Customer.Country"))));
        assertTrue(with.endsWith("candidates: 4\nvalues: __STR_1__=Customer.Country\n"), with);
        assertNotEquals(PromptText.hash(request(Map.of())), PromptText.hash(request(Map.of("__STR_1__", Set.of("Customer.Country")))));
    }
}
