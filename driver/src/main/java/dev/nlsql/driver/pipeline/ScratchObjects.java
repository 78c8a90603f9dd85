package dev.nlsql.driver.pipeline;

import dev.nlsql.policy.ScratchCatalog;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The tables and views that exist in a connection's scratch schema, so the policy can route an
 * unqualified {@code INSERT INTO t} to {@code scratch.t}. Read from the engine when the
 * connection opens and after every statement the policy classified as a scratch write.
 * Names compare case-insensitively. Thread-safe. It is the policy's {@link ScratchCatalog}.
 */
public final class ScratchObjects implements ScratchCatalog {

    private volatile Set<String> names = Set.of();
    private final AtomicLong version = new AtomicLong();

    /** Whether a table or view named {@code objectName} (unqualified, unquoted) exists in scratch. */
    @Override
    public boolean contains(String objectName) {
        return objectName != null && names.contains(objectName.toLowerCase(Locale.ROOT));
    }

    /** Changes whenever the set of names changes. */
    @Override
    public long version() {
        return version.get();
    }

    /** The names, lower case. */
    public Set<String> names() {
        return names;
    }

    /** Replaces the set (bumps {@link #version()} when it differs). */
    public void replaceAll(Collection<String> objectNames) {
        Set<String> next = objectNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        synchronized (this) {
            if (!next.equals(names)) {
                names = next;
                version.incrementAndGet();
            }
        }
    }
}
