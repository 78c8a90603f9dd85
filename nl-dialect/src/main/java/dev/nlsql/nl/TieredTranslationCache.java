package dev.nlsql.nl;

import java.util.Optional;

/**
 * A fast cache in front of a persistent one: reads try {@code first}, then {@code second}
 * (copying a hit into {@code first}); writes go to both.
 */
public final class TieredTranslationCache implements TranslationCache {

    private final TranslationCache first;
    private final TranslationCache second;

    public TieredTranslationCache(TranslationCache first, TranslationCache second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public Optional<CachedTranslation> get(TranslationKey key) {
        Optional<CachedTranslation> hit = first.get(key);
        if (hit.isPresent()) {
            return hit;
        }
        Optional<CachedTranslation> slow = second.get(key);
        slow.filter(t -> t.sql() != null).ifPresent(t -> first.put(key, t));
        return slow;
    }

    @Override
    public void put(TranslationKey key, CachedTranslation translation) {
        first.put(key, translation);
        second.put(key, translation);
    }
}
