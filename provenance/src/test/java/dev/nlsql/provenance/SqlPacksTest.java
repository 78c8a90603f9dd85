package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlPacksTest {
    private static final ObjectMapper M = new ObjectMapper();

    static SqlPack pack() {
        return new SqlPack(SqlPack.FORMAT, "chinook-basics", "a".repeat(64), "sqlite", "2026-11-21T10:00:00Z", List.of(
                new SqlPack.Query("tracks.long", "How many tracks are longer than __NUM_1__ minutes?",
                        "SELECT COUNT(*) FROM Track WHERE Milliseconds > ? * 60000 -- what's this?",
                        List.of(new SqlPack.Parameter(1, "__NUM_1__", "INTEGER", "5")),
                        new SqlPack.Expected(1L, "b".repeat(64)), "ann", "2026-11-21T09:00:00Z"),
                new SqlPack.Query("artists.count", "How many artists are there", "SELECT COUNT(*) FROM Artist",
                        List.of(), null, "bob", "2026-11-21T09:30:00+01:00")));
    }

    @Test
    void writeThenReadRoundTrips() {
        String json = SqlPacks.write(pack());
        assertTrue(json.contains("\"schema_hash\""));
        assertTrue(json.contains("\"pinned_by\""));
        assertEquals(pack(), SqlPacks.read(json));
    }

    @Test
    void schemaIsPublishedAndDescribesEveryField() {
        var schema = SqlPacks.schema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        var q = schema.at("/$defs/query/properties");
        for (String f : List.of("id", "question", "sql", "parameters", "expected", "pinned_by", "pinned_at")) {
            assertTrue(q.has(f), f);
        }
    }

    @Test
    void invalidPacksAreRejectedWithEveryProblem() throws Exception {
        ObjectNode doc = (ObjectNode) M.readTree(SqlPacks.write(pack()));
        doc.put("schema_hash", "not-a-hash");
        doc.put("dialect", "oracle");
        doc.put("extra", 1);
        ObjectNode q0 = (ObjectNode) doc.get("queries").get(0);
        q0.remove("pinned_by");
        q0.put("pinned_at", "yesterday");
        List<String> errors = SqlPacks.validate(M.writeValueAsString(doc));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/schema_hash")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/dialect")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("unknown property extra")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("missing required property pinned_by")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("/queries/0/pinned_at")), errors.toString());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> SqlPacks.read(M.writeValueAsString(doc)));
        assertTrue(ex.getMessage().startsWith("invalid SQL pack (5 problem(s))"), ex.getMessage());
    }

    @Test
    void semanticChecksBeyondTheSchema() throws Exception {
        ObjectNode doc = (ObjectNode) M.readTree(SqlPacks.write(pack()));
        ArrayNode qs = (ArrayNode) doc.get("queries");
        ((ObjectNode) qs.get(1)).put("id", "tracks.long");
        ((ObjectNode) qs.get(1)).put("sql", "SELECT COUNT(*) FROM Artist WHERE Name = ? AND Note = '?'");
        List<String> errors = SqlPacks.validate(M.writeValueAsString(doc));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("duplicate id"));
        assertTrue(errors.get(1).contains("1 ? marker(s) but 0 parameter(s)"));
        assertEquals(List.of("/: not JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])").size(),
                SqlPacks.validate("{").size());
    }

    @Test
    void validatorRefusesKeywordsItDoesNotImplement() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> new JsonSchemaValidator(M.readTree("{\"type\":\"object\",\"oneOf\":[]}")));
    }

    @Test
    void markerCountingSkipsQuotesAndComments() {
        assertEquals(2, SqlPacks.countMarkers("SELECT ? , '?''?', \"a?\" /* ? */ , ? -- ?\n"));
    }
}
