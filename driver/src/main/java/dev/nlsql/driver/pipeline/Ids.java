package dev.nlsql.driver.pipeline;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Record ids: random (version 4) UUID strings drawn from {@link ThreadLocalRandom}, which,
 * unlike {@link UUID#randomUUID()}'s shared {@code SecureRandom}, costs no lock per statement.
 * Unique in practice (122 random bits), not unpredictable: ids are labels, not secrets.
 */
final class Ids {
    private Ids() {}

    static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
