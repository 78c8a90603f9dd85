package dev.nlsql.model.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nlsql.model.SchemaContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads Spider's {@code tables.json} into one {@link SchemaContext} per database, using the
 * original (case-preserving) table and column names, Spider's column types as written there
 * ({@code text}, {@code number}, {@code time}, {@code boolean}, {@code others}), primary keys
 * and foreign keys: the form the model is trained and evaluated on.
 */
public final class SpiderSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpiderSchemas() {}

    /**
     * Reads {@code tables.json}.
     *
     * @param tablesJson path of {@code tables.json}
     * @return database id ({@code db_id}) to schema, in file order
     * @throws IOException when the file cannot be read or is not a JSON array
     */
    public static Map<String, SchemaContext> load(Path tablesJson) throws IOException {
        JsonNode root = JSON.readTree(tablesJson.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException("not a Spider tables.json array: " + tablesJson);
        }
        Map<String, SchemaContext> out = new LinkedHashMap<>();
        for (JsonNode db : root) {
            out.put(db.get("db_id").asText(), toSchema(db));
        }
        return out;
    }

    /** Converts one tables.json entry. */
    static SchemaContext toSchema(JsonNode db) {
        JsonNode tableNames = db.get("table_names_original");
        JsonNode columns = db.get("column_names_original");
        JsonNode types = db.get("column_types");
        Set<Integer> pks = new HashSet<>();
        for (JsonNode pk : db.get("primary_keys")) {
            if (pk.isArray()) {
                pk.forEach(p -> pks.add(p.asInt()));
            } else {
                pks.add(pk.asInt());
            }
        }
        List<List<SchemaContext.Column>> perTable = new ArrayList<>();
        for (int t = 0; t < tableNames.size(); t++) {
            perTable.add(new ArrayList<>());
        }
        for (int c = 0; c < columns.size(); c++) {
            int t = columns.get(c).get(0).asInt();
            if (t < 0) {
                continue; // the "*" pseudo-column
            }
            perTable.get(t).add(new SchemaContext.Column(columns.get(c).get(1).asText(),
                    types.get(c).asText(), pks.contains(c)));
        }
        List<SchemaContext.Table> tables = new ArrayList<>();
        for (int t = 0; t < tableNames.size(); t++) {
            tables.add(new SchemaContext.Table(tableNames.get(t).asText(), perTable.get(t)));
        }
        List<SchemaContext.ForeignKey> fks = new ArrayList<>();
        for (JsonNode fk : db.get("foreign_keys")) {
            JsonNode from = columns.get(fk.get(0).asInt());
            JsonNode to = columns.get(fk.get(1).asInt());
            fks.add(new SchemaContext.ForeignKey(tableNames.get(from.get(0).asInt()).asText(), from.get(1).asText(),
                    tableNames.get(to.get(0).asInt()).asText(), to.get(1).asText()));
        }
        return new SchemaContext(tables, fks);
    }
}
