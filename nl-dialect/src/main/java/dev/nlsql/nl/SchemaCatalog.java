package dev.nlsql.nl;

import dev.nlsql.provenance.SchemaSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Case-insensitive lookup of a {@link SchemaSnapshot}'s tables and columns. Immutable. */
final class SchemaCatalog {

    private final Map<String, SchemaSnapshot.Table> tables = new HashMap<>();
    private final Map<String, Map<String, String>> columns = new HashMap<>();
    private final Set<String> allColumns = new HashSet<>();

    SchemaCatalog(SchemaSnapshot snapshot) {
        for (SchemaSnapshot.Table t : snapshot.tables()) {
            String k = SqlNames.key(t.name());
            // the first table of a name wins (snapshots are sorted by schema, then name)
            if (tables.putIfAbsent(k, t) == null) {
                Map<String, String> cols = new HashMap<>();
                for (SchemaSnapshot.Column c : t.columns()) {
                    cols.put(SqlNames.key(c.name()), c.name());
                    allColumns.add(SqlNames.key(c.name()));
                }
                columns.put(k, cols);
            }
        }
    }

    /** The table of that name (any case), or null. */
    SchemaSnapshot.Table table(String name) {
        return tables.get(SqlNames.key(name));
    }

    /** The exact column name in that table (any case), or null. */
    String column(SchemaSnapshot.Table table, String column) {
        Map<String, String> cols = columns.get(SqlNames.key(table.name()));
        return cols == null ? null : cols.get(SqlNames.key(column));
    }

    /** Whether any table has a column of that name. */
    boolean anyColumn(String column) {
        return allColumns.contains(SqlNames.key(column));
    }
}
