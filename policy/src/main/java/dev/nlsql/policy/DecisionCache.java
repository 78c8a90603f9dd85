package dev.nlsql.policy;

import dev.nlsql.policy.internal.CatalogLookups;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe cache from statement text to its policy verdict (a decision or a
 * refusal), for one policy configuration (engine, mode, scratch schema, extra functions): the
 * configuration is the cache's identity, so the text alone is the key within it
 * ({@link SharedPolicies} hands one cache to every connection of a configuration). When full, an
 * arbitrary tenth of the entries is dropped (no LRU bookkeeping on the read path, so a hit costs
 * one hash lookup).
 *
 * <p>The scratch catalog is the one input that differs between connections and over time. A
 * verdict records every question its check asked the catalog and the answer
 * ({@link CatalogLookups.Dependency}); a hit is used only when the asking connection's catalog
 * answers them all the same now, so a scratch table created or dropped (here or through another
 * connection's catalog) makes the verdicts that depended on it miss.
 */
final class DecisionCache {

    /** One cached verdict; exactly one of decision/refusal is non-null. */
    record Entry(PolicyDecision decision, PolicyException refusal, CatalogLookups.Dependency dependency) {}

    private final int capacity;
    private final ConcurrentHashMap<String, Entry> map;

    DecisionCache(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.max(16, Math.min(capacity, 1 << 16) * 4 / 3 + 1));
    }

    /** The verdict for {@code sql} if cached and still valid for {@code catalog}, else null. */
    Entry get(String sql, ScratchCatalog catalog) {
        if (capacity == 0) {
            return null;
        }
        Entry e = map.get(sql);
        if (e == null || !e.dependency().holds(catalog)) {
            return null;
        }
        return e;
    }

    void put(String sql, Entry e) {
        if (capacity == 0) {
            return;
        }
        if (map.size() >= capacity && !map.containsKey(sql)) {
            int drop = Math.max(1, capacity / 10);
            Iterator<String> it = map.keySet().iterator();
            while (drop-- > 0 && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        map.put(sql, e);
    }

    int size() {
        return map.size();
    }
}
