package dev.nlsql.provenance;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle on a JDBC-backed provenance store (embedded H2 by default, or any JDBC URL). Handles
 * on the same URL share one pool, queue and writer thread; each handle has its own sync mode.
 * Closing a handle flushes what was appended so far; the last handle closed stops the writer.
 * Obtain with {@link ProvenanceStores#open}. Thread-safe.
 */
public final class JdbcProvenanceStore implements ProvenanceStore {
    private final StoreEngine engine;
    private final boolean sync;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TranslationCache translations;

    JdbcProvenanceStore(StoreEngine engine, boolean sync, Runnable release) {
        this.engine = engine;
        this.sync = sync;
        this.release = release;
        this.translations = new JdbcTranslationCache(engine.pool);
    }

    /**
     * Queues the record (async) or returns once it is committed (sync). Blocks while the queue is
     * full. Cost on the caller's thread in async mode: one bounded-queue offer (about a
     * microsecond); serialisation and inserts happen on the writer thread.
     *
     * @throws SQLException SQLState {@code 58030} when the store is closed or has failed
     */
    @Override
    public void append(ProvenanceRecord record) throws SQLException {
        if (closed.get()) {
            throw new SQLException("provenance store handle is closed", "58030");
        }
        engine.append(record, sync);
    }

    @Override
    public void flush() throws SQLException {
        engine.flush();
    }

    @Override
    public Optional<ProvenanceRecord> find(String id) throws SQLException {
        return engine.find(id);
    }

    /**
     * The record whose id is {@code idOrPrefix} or, failing that, the only one whose id starts
     * with it (at least 6 characters).
     *
     * @throws SQLException SQLState {@code 22023} when the prefix matches more than one record
     */
    public Optional<ProvenanceRecord> findByIdOrPrefix(String idOrPrefix) throws SQLException {
        Optional<ProvenanceRecord> exact = engine.find(idOrPrefix);
        if (exact.isPresent() || idOrPrefix.length() < 6) {
            return exact;
        }
        List<ProvenanceRecord> m = engine.findByPrefix(idOrPrefix);
        if (m.size() > 1) {
            throw new SQLException("id prefix " + idOrPrefix + " matches more than one record; give more characters",
                    "22023");
        }
        return m.stream().findFirst();
    }

    @Override
    public List<ProvenanceRecord> list(Instant since, int limit) throws SQLException {
        return engine.list(since, limit);
    }

    /** Records committed in the store (a COUNT query; flush first to include queued ones). */
    public long count() throws SQLException {
        return engine.count();
    }

    /** Whether append waits for the commit. */
    public boolean sync() {
        return sync;
    }

    /** The store's options (URL, batch and queue sizes). */
    public StoreOptions options() {
        return engine.options;
    }

    /** The translation cache and pinned translations kept in the same store. */
    public TranslationCache translations() {
        return translations;
    }

    /** Flushes, then releases this handle (the last one closes the shared store). Idempotent. */
    @Override
    public void close() throws SQLException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SQLException flushFailure = null;
        try {
            engine.flush();
        } catch (SQLException e) {
            flushFailure = e;
        }
        release.run();
        if (flushFailure != null) {
            throw flushFailure;
        }
    }
}
