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

/** Reads Spider's {@code tables.json} into {@link SchemaContext}s keyed by {@code db_id}. */
public final class SpiderSchemas {

    private SpiderSchemas() {}

    /**
     * Loads all schemas.
     *
     * @param tablesJson path of {@code tables.json}
     * @return db_id to schema with the original table and column names, Spider's coarse column
     *     types ({@code text}, {@code number}, {@code time}, {@code boolean}, {@code others}),
     *     primary keys and foreign keys
     * @throws IOException if the file cannot be read
     */
    public static Map<String, SchemaContext> load(Path tablesJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tablesJson.toFile());
        Map<String, SchemaContext> out = new LinkedHashMap<>();
        for (JsonNode db : root) {
            List<String> tableNames = new ArrayList<>();
            db.get("table_names_original").forEach(n -> tableNames.add(n.asText()));
            JsonNode cols = db.get("column_names_original");
            JsonNode types = db.get("column_types");
            Set<Integer> pks = new HashSet<>();
            db.get("primary_keys").forEach(n -> {
                if (n.isArray()) {
                    n.forEach(m -> pks.add(m.asInt()));
                } else {
                    pks.add(n.asInt());
                }
            });
            List<List<SchemaContext.Column>> columns = new ArrayList<>();
            tableNames.forEach(t -> columns.add(new ArrayList<>()));
            for (int i = 0; i < cols.size(); i++) {
                int t = cols.get(i).get(0).asInt();
                if (t < 0) {
                    continue;
                }
                columns.get(t).add(new SchemaContext.Column(cols.get(i).get(1).asText(), types.get(i).asText(), pks.contains(i)));
            }
            List<SchemaContext.Table> tables = new ArrayList<>();
            for (int t = 0; t < tableNames.size(); t++) {
                tables.add(new SchemaContext.Table(tableNames.get(t), columns.get(t)));
            }
            List<SchemaContext.ForeignKey> fks = new ArrayList<>();
            for (JsonNode fk : db.get("foreign_keys")) {
                JsonNode a = cols.get(fk.get(0).asInt());
                JsonNode b = cols.get(fk.get(1).asInt());
                fks.add(new SchemaContext.ForeignKey(tableNames.get(a.get(0).asInt()), a.get(1).asText(),
                        tableNames.get(b.get(0).asInt()), b.get(1).asText()));
            }
            out.put(db.get("db_id").asText(), new SchemaContext(tables, fks));
        }
        return out;
    }
}
