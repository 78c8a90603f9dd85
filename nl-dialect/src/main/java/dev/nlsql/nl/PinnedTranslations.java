package dev.nlsql.nl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified translations from SQL packs. A pinned translation wins over the cache and the model;
 * it is still validated (names, placeholders, policy) before it runs. Implementations must be
 * thread-safe.
 */
public interface PinnedTranslations {

    /**
     * The pinned translation for a question.
     *
     * @param schemaHash the schema hash of the target now
     * @param normalisedQuestion the masked question, normalised by {@link TranslationKey#normalise(String)}
     * @return the pin, or empty
     */
    Optional<Pin> find(String schemaHash, String normalisedQuestion);

    /**
     * One pinned translation.
     *
     * @param id where it comes from, e.g. {@code pack-name/entry-id}
     * @param templateSql SQL with the question's placeholders in place
     */
    record Pin(String id, String templateSql) {}

    /** No pins. */
    static PinnedTranslations none() {
        return (schemaHash, q) -> Optional.empty();
    }

    /**
     * Pins held in memory, keyed by normalised question only (valid for any schema hash).
     *
     * @param byQuestion masked question (normalised here) to template SQL
     */
    static PinnedTranslations of(String packId, Map<String, String> byQuestion) {
        Map<String, Pin> m = new ConcurrentHashMap<>();
        byQuestion.forEach((q, sql) -> m.put(TranslationKey.normalise(q), new Pin(packId + "/" + TranslationKey.normalise(q), sql)));
        return (schemaHash, q) -> Optional.ofNullable(m.get(q));
    }
}
