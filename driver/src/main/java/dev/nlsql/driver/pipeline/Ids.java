package dev.nlsql.driver.pipeline;

import dev.nlsql.provenance.ProvenanceIds;

/**
 * Record ids: time-ordered version-7 UUID strings from {@link ProvenanceIds} (lock-free, random
 * bits from {@code ThreadLocalRandom}). Time-ordered ids keep the store's primary-key index
 * append-mostly, which makes each insert several times cheaper than random version-4 ids.
 * Unique in practice, not unpredictable: ids are labels, not secrets.
 */
final class Ids {
    private Ids() {}

    static String next() {
        return ProvenanceIds.next();
    }
}
