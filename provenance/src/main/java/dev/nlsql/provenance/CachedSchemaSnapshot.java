package dev.nlsql.provenance;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection's schema snapshot, computed once and refreshed cheaply: {@link #refresh()} checks
 * {@link SchemaSnapshotter#fingerprint} and snapshots again only when it changed. One per
 * connection and scope; thread-safe (methods are synchronized, like the connection they use).
 */
public final class CachedSchemaSnapshot {
    private final Connection connection;
    private final SchemaScope scope;
    private SchemaSnapshot snapshot;
    private String fingerprint;

    /** Nothing is read until the first {@link #get()} or {@link #refresh()}. */
    public CachedSchemaSnapshot(Connection connection, SchemaScope scope) {
        this.connection = connection;
        this.scope = scope;
    }

    /** The cached snapshot, computed on first use; no metadata call afterwards. */
    public synchronized SchemaSnapshot get() throws SQLException {
        if (snapshot == null) {
            fingerprint = SchemaSnapshotter.fingerprint(connection, scope);
            snapshot = SchemaSnapshotter.snapshot(connection, scope);
        }
        return snapshot;
    }

    /**
     * Re-reads the fingerprint and takes a new snapshot only if it differs.
     *
     * @return the current snapshot
     * @throws SQLException from metadata calls
     */
    public synchronized SchemaSnapshot refresh() throws SQLException {
        if (snapshot == null) {
            return get();
        }
        String now = SchemaSnapshotter.fingerprint(connection, scope);
        if (!now.equals(fingerprint)) {
            fingerprint = now;
            snapshot = SchemaSnapshotter.snapshot(connection, scope);
        }
        return snapshot;
    }

    /** Forgets the snapshot (e.g. after DDL): the next {@link #get()} reads it again. */
    public synchronized void invalidate() {
        snapshot = null;
        fingerprint = null;
    }
}
