package dev.nlsql.policy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out {@link SqlPolicy} instances that share their parsers, checkers and decision cache
 * with every other policy of the same configuration, so a statement policed on one connection is
 * a cache hit on the next (connection pools open many connections with the same options).
 *
 * <p>"The same configuration" is everything a verdict depends on besides the statement text and
 * the scratch catalog: engine, mode, scratch schema name, extra allowed functions and the cache
 * size. Each policy keeps its own connection's {@link ScratchCatalog}; a cached verdict carries
 * the catalog questions its check asked and their answers, and is reused only where the asking
 * connection's catalog answers them the same ({@link DecisionCache}). Thread-safe.
 */
public final class SharedPolicies {

    /** Most distinct configurations shared; policies of further ones get caches of their own. */
    public static final int MAX_CONFIGURATIONS = 64;

    private record Key(Engine engine, PolicyMode mode, String scratchSchema, Set<String> extraFunctions,
            int cacheSize) {
        static Key of(PolicyConfig c) {
            return new Key(c.engine(), c.mode(), c.scratchSchema(), c.extraFunctions(), c.cacheSize());
        }
    }

    private final ConcurrentHashMap<Key, SqlPolicy.Core> cores = new ConcurrentHashMap<>();

    /**
     * A policy for {@code config} (with its connection's scratch catalog) whose parsers and
     * decision cache are shared with every earlier policy of the same configuration.
     *
     * @param config the connection's configuration, never null
     * @return a new policy object; {@link SqlPolicy#sharesCacheWith} tells whether two share
     */
    public SqlPolicy policy(PolicyConfig config) {
        Key key = Key.of(config);
        SqlPolicy.Core core = cores.get(key);
        if (core == null) {
            if (cores.size() >= MAX_CONFIGURATIONS) {
                return new SqlPolicy(config);
            }
            core = cores.computeIfAbsent(key, k -> new SqlPolicy.Core(config));
        }
        return new SqlPolicy(config, core);
    }

    /** Number of distinct configurations shared so far. */
    public int configurations() {
        return cores.size();
    }
}
