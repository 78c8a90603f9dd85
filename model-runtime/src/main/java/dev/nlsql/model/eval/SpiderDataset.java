package dev.nlsql.model.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads Spider question files ({@code dev.json}, {@code train_spider_min.json}). */
public final class SpiderDataset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpiderDataset() {}

    /**
     * Reads a Spider question file: a JSON array of objects with {@code db_id}, {@code question},
     * {@code query} and optionally {@code sql} (the parsed gold query).
     *
     * @param file path to the JSON file
     * @return the examples in file order
     * @throws IOException when the file cannot be read or is not such an array
     */
    public static List<SpiderExample> load(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException("not a JSON array of Spider examples: " + file);
        }
        List<SpiderExample> out = new ArrayList<>(root.size());
        int i = 0;
        for (JsonNode n : root) {
            JsonNode sql = n.get("sql");
            out.add(new SpiderExample(i++, text(n, "db_id", file), text(n, "question", file),
                    text(n, "query", file), sql == null || sql.isNull() ? null : sql));
        }
        return out;
    }

    /**
     * The SQLite file of a Spider database, {@code <databaseDir>/<dbId>/<dbId>.sqlite}.
     *
     * @return the path, whether or not the file exists
     */
    public static Path databaseFile(Path databaseDir, String dbId) {
        return databaseDir.resolve(dbId).resolve(dbId + ".sqlite");
    }

    /** Whether the example's database file is present under {@code databaseDir}. */
    public static boolean hasDatabase(Path databaseDir, String dbId) {
        return Files.isRegularFile(databaseFile(databaseDir, dbId));
    }

    private static String text(JsonNode n, String field, Path file) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("Spider example without '" + field + "' in " + file);
        }
        return v.asText();
    }
}
