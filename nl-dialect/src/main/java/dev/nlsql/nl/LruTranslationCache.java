package dev.nlsql.nl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory least-recently-used translation cache of bounded size. Thread-safe (synchronised). */
public final class LruTranslationCache implements TranslationCache {

    private final int capacity;
    private final LinkedHashMap<TranslationKey, CachedTranslation> map;

    /** @param capacity most entries kept; 0 keeps nothing */
    public LruTranslationCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TranslationKey, CachedTranslation> eldest) {
                return size() > LruTranslationCache.this.capacity;
            }
        };
    }

    @Override
    public synchronized Optional<CachedTranslation> get(TranslationKey key) {
        return Optional.ofNullable(map.get(key));
    }

    @Override
    public synchronized void put(TranslationKey key, CachedTranslation translation) {
        if (capacity > 0) {
            map.put(key, translation);
        }
    }

    /** Entries held now. */
    public synchronized int size() {
        return map.size();
    }
}
