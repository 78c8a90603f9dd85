package dev.nlsql.nl;

import java.util.List;

/**
 * A translation kept for replay.
 *
 * @param templateSql the validated SQL with placeholders in place (what a persistent store keeps)
 * @param sql the rendered SQL with {@code ?} markers, or null when only the template is known
 *     (then it is validated again before use)
 * @param placeholderOrder placeholder names in the order of the {@code ?} markers (empty when
 *     {@code sql} is null)
 * @param promptHash SHA-256 of the model input that produced it, or null
 */
public record CachedTranslation(String templateSql, String sql, List<String> placeholderOrder, String promptHash) {
    public CachedTranslation {
        placeholderOrder = placeholderOrder == null ? List.of() : List.copyOf(placeholderOrder);
    }
}
