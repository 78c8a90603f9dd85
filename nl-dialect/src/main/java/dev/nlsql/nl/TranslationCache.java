package dev.nlsql.nl;

import java.util.Optional;

/**
 * Where translations are kept for replay ("generate once, replay forever"). Implementations:
 * {@link LruTranslationCache} in memory; a persistent one backed by the provenance store;
 * {@link TieredTranslationCache} combining both. Implementations must be thread-safe and must
 * not throw: a store that fails behaves as a miss.
 */
public interface TranslationCache {

    /** The translation stored for {@code key}, or empty. */
    Optional<CachedTranslation> get(TranslationKey key);

    /** Stores (or replaces) the translation for {@code key}. */
    void put(TranslationKey key, CachedTranslation translation);

    /** A cache that keeps nothing. */
    static TranslationCache none() {
        return new TranslationCache() {
            @Override
            public Optional<CachedTranslation> get(TranslationKey key) {
                return Optional.empty();
            }

            @Override
            public void put(TranslationKey key, CachedTranslation translation) {}
        };
    }
}
