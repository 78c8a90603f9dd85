package dev.nlsql.policy;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe in-memory {@link ScratchCatalog}: the driver calls {@link #created} after a
 * scratch {@code CREATE TABLE/VIEW} succeeded and {@link #dropped} after a {@code DROP}, or
 * {@link #replaceAll} after reading the scratch schema's metadata. Names compare
 * case-insensitively.
 */
public final class ConcurrentScratchCatalog implements ScratchCatalog {

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final AtomicLong version = new AtomicLong();

    @Override
    public boolean contains(String objectName) {
        return names.contains(objectName.toLowerCase(Locale.ROOT));
    }

    @Override
    public long version() {
        return version.get();
    }

    /** Records a new scratch object. */
    public void created(String objectName) {
        if (names.add(objectName.toLowerCase(Locale.ROOT))) {
            version.incrementAndGet();
        }
    }

    /** Records that a scratch object is gone. */
    public void dropped(String objectName) {
        if (names.remove(objectName.toLowerCase(Locale.ROOT))) {
            version.incrementAndGet();
        }
    }

    /** Replaces the whole set, e.g. after listing the scratch schema's tables. */
    public synchronized void replaceAll(Iterable<String> objectNames) {
        names.clear();
        for (String n : objectNames) {
            names.add(n.toLowerCase(Locale.ROOT));
        }
        version.incrementAndGet();
    }
}
