package dev.nlsql.provenance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic, canonical description of a database schema: tables and views, columns
 * with types and nullability, primary and foreign keys, indexes. Lists are sorted (tables by
 * schema then name, columns by ordinal position, keys and indexes by name) and carry no
 * volatile fields, so the same database state always gives the same {@link #sha256()}.
 *
 * @param tables tables and views, sorted
 * @param sha256 lower-case hex SHA-256 of the canonical JSON form: the schema hash
 */
public record SchemaSnapshot(List<Table> tables, String sha256) {

    /** Name and version of the canonical JSON form, part of what is hashed. */
    public static final String FORMAT = "nlsql-schema-v1";

    public SchemaSnapshot {
        tables = List.copyOf(tables);
    }

    /**
     * A snapshot of {@code tables} (already in canonical order) with its hash computed from
     * {@link #canonicalJson()}.
     */
    public static SchemaSnapshot of(List<Table> tables) {
        String json = canonicalJson(tables);
        return new SchemaSnapshot(tables, Hashes.sha256Hex(json));
    }

    /**
     * The canonical JSON form that {@link #sha256()} is computed over: {@code {"format":
     * "nlsql-schema-v1","tables":[...]}}, keys sorted, no whitespace, UTF-8 when hashed.
     */
    public String canonicalJson() {
        return canonicalJson(tables);
    }

    private static String canonicalJson(List<Table> tables) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("tables", tables);
        return CanonicalJson.write(doc);
    }

    /** The tables of {@code schema} (null matches tables without a schema), in snapshot order. */
    public List<Table> tablesIn(String schema) {
        return tables.stream().filter(t -> java.util.Objects.equals(schema, t.schema())).toList();
    }

    /**
     * A table or view.
     *
     * @param schema schema name as the engine reports it, or null where it has none
     * @param name table name
     * @param type {@code TABLE} or {@code VIEW}
     * @param columns columns in ordinal order
     * @param primaryKey primary-key column names in key order (empty when none)
     * @param foreignKeys foreign keys of this table
     * @param indexes indexes of this table
     */
    public record Table(String schema, String name, String type, List<Column> columns,
            List<String> primaryKey, List<ForeignKey> foreignKeys, List<Index> indexes) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            foreignKeys = List.copyOf(foreignKeys);
            indexes = List.copyOf(indexes);
        }
    }

    /** A column: name, the engine's type name, its {@link java.sql.Types} code, nullability. */
    public record Column(String name, String typeName, int jdbcType, boolean nullable) {}

    /** {@code columns} of the owning table reference {@code refColumns} of {@code refTable}. */
    public record ForeignKey(String name, List<String> columns, String refSchema, String refTable,
            List<String> refColumns) {
        public ForeignKey {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }

    /** An index: name, uniqueness, column names in index order. */
    public record Index(String name, boolean unique, List<String> columns) {
        public Index {
            columns = List.copyOf(columns);
        }
    }
}
