package dev.nlsql.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.SharedData;
import dev.nlsql.model.sql.CanonicalGrammar;
import dev.nlsql.model.sql.SqlRenderer;
import dev.nlsql.model.vault.IdVault;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    @Test
    void recordsAreValidDeterministicAndVaultShaped() throws Exception {
        Map<String, SchemaContext> schemas = SpiderSchemas.load(SharedData.spider().resolve("tables.json"));
        var a = SyntheticCorpus.generate(schemas, 500, 3);
        var b = SyntheticCorpus.generate(schemas, 500, 3);
        assertEquals(500, a.size());
        Set<String> shapes = new HashSet<>();
        Pattern ph = Pattern.compile("__(STR|NUM|DATE|ID)_\\d+__");
        for (int i = 0; i < a.size(); i++) {
            Example e = a.get(i);
            assertEquals(e.question(), b.get(i).question());
            assertTrue(CanonicalGrammar.isValid(e.sql(), e.placeholders().keySet()), e.question());
            // the vault leaves an already-masked question as it is
            assertEquals(e.question(), IdVault.mask(e.question()).text());
            Matcher m = ph.matcher(e.question());
            Set<String> inQuestion = new HashSet<>();
            while (m.find()) {
                inQuestion.add(m.group());
            }
            assertEquals(e.placeholders().keySet(), inQuestion, e.question());
            shapes.add(SqlRenderer.render(e.sql(), e.schema()).replaceAll("\"[^\"]*\"", "x").replaceAll("[A-Za-z_0-9]+\\.[A-Za-z_0-9x]+|__\\w+__", "x")
                    .replaceAll("(FROM|JOIN) [A-Za-z_0-9]+", "$1 t"));
        }
        assertTrue(shapes.size() > 30, "diversity of query shapes: " + shapes.size());
    }
}
