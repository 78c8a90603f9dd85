package dev.nlsql.model.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nlsql.model.SchemaContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Spider question file ({@code train_spider_min.json}: question, query, db_id) and
 * converts each pair with {@link GoldSqlConverter}.
 */
public final class SpiderCorpus {

    /**
     * Converted examples and rejection counts.
     *
     * @param examples the pairs the canonical form expresses
     * @param rejected reason to count
     * @param total pairs read
     */
    public record Loaded(List<Example> examples, Map<String, Integer> rejected, int total) {}

    private SpiderCorpus() {}

    /**
     * Loads and converts a question file.
     *
     * @param questionsJson path of a Spider question file
     * @param schemas db_id to schema (from {@link SpiderSchemas})
     * @return examples and rejection statistics
     * @throws IOException if the file cannot be read
     */
    public static Loaded load(Path questionsJson, Map<String, SchemaContext> schemas) throws IOException {
        JsonNode root = new ObjectMapper().readTree(questionsJson.toFile());
        List<Example> out = new ArrayList<>();
        Map<String, Integer> rejected = new TreeMap<>();
        for (JsonNode q : root) {
            String db = q.get("db_id").asText();
            SchemaContext schema = schemas.get(db);
            if (schema == null) {
                rejected.merge("no-schema", 1, Integer::sum);
                continue;
            }
            GoldSqlConverter.Result r = GoldSqlConverter.convert(db, schema, q.get("question").asText(), q.get("query").asText());
            if (r.example() != null) {
                out.add(r.example());
            } else {
                rejected.merge(r.rejection(), 1, Integer::sum);
            }
        }
        return new Loaded(out, rejected, root.size());
    }
}
