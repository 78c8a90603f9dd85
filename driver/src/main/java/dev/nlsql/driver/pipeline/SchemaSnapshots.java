package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.provenance.CachedSchemaSnapshot;
import dev.nlsql.provenance.SchemaScope;
import dev.nlsql.provenance.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One cached source-schema snapshot per target connection (scratch excluded), shared by the
 * provenance records (schema hash) and the NL dialect (prompts). The snapshot is refreshed by
 * {@link CachedSchemaSnapshot} when the schema's cheap fingerprint changes. Thread-safe.
 */
final class SchemaSnapshots {

    private final Map<Connection, CachedSchemaSnapshot> byConnection =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** The source snapshot of {@code source} (its scratch schema, if any, left out), as last read. */
    SchemaSnapshot source(Connection source, BackendSession session) throws SQLException {
        return cached(source, session).get();
    }

    /**
     * The source snapshot after checking the schema's cheap fingerprint
     * ({@link CachedSchemaSnapshot#refresh()}): snapshotted again only when it changed.
     */
    SchemaSnapshot current(Connection source, BackendSession session) throws SQLException {
        return cached(source, session).refresh();
    }

    private CachedSchemaSnapshot cached(Connection source, BackendSession session) {
        return byConnection.computeIfAbsent(source, c -> new CachedSchemaSnapshot(c,
                session.scratchSchema() == null ? SchemaScope.source() : SchemaScope.source(session.scratchSchema())));
    }
}
