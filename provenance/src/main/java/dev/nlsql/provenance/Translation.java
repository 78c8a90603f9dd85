package dev.nlsql.provenance;

import java.util.List;
import java.util.Map;

/**
 * A translation served by the cache or pinned by a pack: SQL with {@code ?} markers, the
 * markers' parameters (placeholder names in bind order), and metadata.
 *
 * @param sql the SQL
 * @param parameters the {@code ?} markers in order (name = placeholder; value usually null)
 * @param metadata free-form strings (e.g. model score, prompt hash); never null
 * @param source {@code cache} or {@code pinned}
 * @param queryId the pack's query id, for pinned translations; else null
 * @param pinnedBy who pinned it, for pinned translations; else null
 * @param pinnedAt ISO-8601 instant it was pinned, for pinned translations; else null
 */
public record Translation(String sql, List<SqlPack.Parameter> parameters, Map<String, String> metadata,
        String source, String queryId, String pinnedBy, String pinnedAt) {

    public Translation {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A cache entry to {@link TranslationCache#put}. */
    public static Translation cached(String sql, List<SqlPack.Parameter> parameters, Map<String, String> metadata) {
        return new Translation(sql, parameters, metadata, "cache", null, null, null);
    }
}
