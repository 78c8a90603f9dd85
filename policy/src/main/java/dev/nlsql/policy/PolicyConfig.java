package dev.nlsql.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Configuration of a {@link SqlPolicy}.
 *
 * @param engine the backend engine: picks the dialect the SQL is re-rendered in, the lexical
 *     rules of the post-render check and the function allow-list
 * @param mode read-only (default), strict or audit
 * @param scratchSchema the schema (SQLite/DuckDB: attached database) that holds scratch objects;
 *     default {@code scratch}
 * @param scratchCatalog which objects exist in scratch (never null; {@link ScratchCatalog#NONE})
 * @param cacheSize the most statement texts whose decision is cached (0 disables the cache)
 * @param extraFunctions function names (lower case) allowed in addition to the engine's built-in
 *     allow-list; names on the engine's deny-list stay refused
 */
public record PolicyConfig(Engine engine, PolicyMode mode, String scratchSchema,
        ScratchCatalog scratchCatalog, int cacheSize, Set<String> extraFunctions) {

    /** Connection property: {@code read-only} (default), {@code strict} or {@code audit}. */
    public static final String MODE = "nlsql.policy.mode";
    /** Connection property: scratch schema name, default {@code scratch}. */
    public static final String SCRATCH_SCHEMA = "nlsql.scratch.schema";
    /** Connection property: decision cache size in statements, default 2048; 0 turns it off. */
    public static final String CACHE_SIZE = "nlsql.policy.cacheSize";
    /** Connection property: comma-separated extra function names to allow. */
    public static final String ALLOW_FUNCTIONS = "nlsql.policy.allowFunctions";

    public static final String DEFAULT_SCRATCH_SCHEMA = "scratch";
    public static final int DEFAULT_CACHE_SIZE = 2048;

    public PolicyConfig {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scratchCatalog, "scratchCatalog");
        if (scratchSchema == null || !scratchSchema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(SCRATCH_SCHEMA
                    + " must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), not '" + scratchSchema + "'");
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException(CACHE_SIZE + " must be >= 0, not " + cacheSize);
        }
        extraFunctions = extraFunctions == null ? Set.of() : Set.copyOf(extraFunctions);
    }

    /** Defaults for an engine: read-only mode, schema {@code scratch}, no scratch objects known. */
    public static PolicyConfig defaults(Engine engine) {
        return new PolicyConfig(engine, PolicyMode.READ_ONLY, DEFAULT_SCRATCH_SCHEMA,
                ScratchCatalog.NONE, DEFAULT_CACHE_SIZE, Set.of());
    }

    /**
     * Reads the {@code nlsql.policy.*} / {@code nlsql.scratch.schema} options from connection
     * properties; absent options take their defaults.
     *
     * @throws IllegalArgumentException for a malformed value (the driver maps it to SQLState 22023)
     */
    public static PolicyConfig fromProperties(Engine engine, Properties p, ScratchCatalog catalog) {
        PolicyMode mode = PolicyMode.parse(p.getProperty(MODE, "read-only"));
        String schema = p.getProperty(SCRATCH_SCHEMA, DEFAULT_SCRATCH_SCHEMA).trim();
        int cache;
        try {
            cache = Integer.parseInt(p.getProperty(CACHE_SIZE, String.valueOf(DEFAULT_CACHE_SIZE)).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CACHE_SIZE + " must be an integer: " + e.getMessage());
        }
        Set<String> extra = Arrays.stream(p.getProperty(ALLOW_FUNCTIONS, "").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        return new PolicyConfig(engine, mode, schema, catalog == null ? ScratchCatalog.NONE : catalog,
                cache, extra);
    }

    public PolicyConfig withMode(PolicyMode m) {
        return new PolicyConfig(engine, m, scratchSchema, scratchCatalog, cacheSize, extraFunctions);
    }

    public PolicyConfig withScratchCatalog(ScratchCatalog c) {
        return new PolicyConfig(engine, mode, scratchSchema, c, cacheSize, extraFunctions);
    }

    public PolicyConfig withCacheSize(int n) {
        return new PolicyConfig(engine, mode, scratchSchema, scratchCatalog, n, extraFunctions);
    }
}
