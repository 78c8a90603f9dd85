package dev.nlsql.policy;

/**
 * Tells the policy which objects already exist in the scratch schema, so that an unqualified
 * {@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t} or {@code DROP TABLE t} can be
 * routed to {@code scratch.t} instead of being refused as a write to the source. The driver
 * implements it (from the engine's metadata, or with {@link ConcurrentScratchCatalog}).
 * Implementations must be thread-safe.
 */
public interface ScratchCatalog {

    /** A catalog with no scratch objects. */
    ScratchCatalog NONE = new ScratchCatalog() {
        @Override
        public boolean contains(String objectName) {
            return false;
        }

        @Override
        public long version() {
            return 0;
        }
    };

    /**
     * Whether a table or view of this name exists in the scratch schema.
     *
     * @param objectName the unqualified name as written, quotes removed; matched
     *     case-insensitively by the built-in implementation
     * @return true when it exists in scratch
     */
    boolean contains(String objectName);

    /**
     * A counter that changes whenever the set of scratch objects changes. Cached decisions that
     * consulted the catalog are reused only while it is unchanged.
     */
    long version();
}
