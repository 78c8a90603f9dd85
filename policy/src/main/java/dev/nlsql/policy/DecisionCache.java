package dev.nlsql.policy;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe cache from statement text to its policy verdict (a decision or a
 * refusal). When full, an arbitrary tenth of the entries is dropped (no LRU bookkeeping on the
 * read path, so a hit costs one hash lookup). Verdicts that consulted the {@link ScratchCatalog}
 * carry the catalog version they were made under and are ignored once it changed.
 */
final class DecisionCache {

    /** One cached verdict; exactly one of decision/refusal is non-null. */
    record Entry(PolicyDecision decision, PolicyException refusal, long catalogVersion) {
        static final long ANY_VERSION = Long.MIN_VALUE;
    }

    private final int capacity;
    private final ConcurrentHashMap<String, Entry> map;

    DecisionCache(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.max(16, capacity * 4 / 3 + 1));
    }

    Entry get(String sql, long currentCatalogVersion) {
        if (capacity == 0) {
            return null;
        }
        Entry e = map.get(sql);
        if (e == null) {
            return null;
        }
        if (e.catalogVersion() != Entry.ANY_VERSION && e.catalogVersion() != currentCatalogVersion) {
            map.remove(sql, e);
            return null;
        }
        return e;
    }

    void put(String sql, Entry e) {
        if (capacity == 0) {
            return;
        }
        if (map.size() >= capacity) {
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
