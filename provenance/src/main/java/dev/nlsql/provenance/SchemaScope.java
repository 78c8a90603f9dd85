package dev.nlsql.provenance;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which part of a database a {@link SchemaSnapshot} covers: the source (every user schema
 * except the scratch one) or the scratch schema alone, so that scratch objects are snapshotted
 * separately and never change the source's schema hash.
 *
 * @param catalog JDBC catalog to read, or null for the connection's default / all
 * @param schemaPattern JDBC schema pattern ({@code %} wildcards), or null for every schema
 * @param excludedSchemas schema names left out (case-insensitive), on top of the engines'
 *     system schemas ({@code information_schema}, {@code pg_catalog}, {@code pg_toast}, ...)
 */
public record SchemaScope(String catalog, String schemaPattern, Set<String> excludedSchemas) {

    /** Engines' own schemas, never part of a snapshot (lower case). */
    public static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog",
            "pg_toast", "sys", "pg_temp", "temp");

    public SchemaScope {
        TreeSet<String> lower = new TreeSet<>();
        if (excludedSchemas != null) {
            excludedSchemas.forEach(s -> lower.add(s.toLowerCase(Locale.ROOT)));
        }
        excludedSchemas = Set.copyOf(lower);
    }

    /** Every user schema of the connection's catalog. */
    public static SchemaScope all() {
        return new SchemaScope(null, null, Set.of());
    }

    /** Every user schema except {@code scratchSchemas}: the source's scope. */
    public static SchemaScope source(String... scratchSchemas) {
        return new SchemaScope(null, null, Set.of(scratchSchemas));
    }

    /** Only {@code schema} (exact name, as the engine spells it): e.g. the scratch schema. */
    public static SchemaScope only(String schema) {
        return new SchemaScope(null, schema, Set.of());
    }

    /** Whether a table in schema {@code schema} belongs to this scope. */
    public boolean includes(String schema) {
        if (schema == null) {
            return true;
        }
        String s = schema.toLowerCase(Locale.ROOT);
        return !SYSTEM_SCHEMAS.contains(s) && !s.startsWith("pg_temp") && !s.startsWith("pg_toast")
                && !excludedSchemas.contains(s);
    }
}
