package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ResultDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Supplies the pipeline's pluggable stages for one connection. Chosen with the option
 * {@code nlsql.stages} (a class name with a public no-argument constructor; one instance per
 * class is kept); {@link DefaultPipelineStages} by default. Implementations must be
 * thread-safe.
 */
public interface PipelineStages {

    /** Classify and translate. */
    QuestionStage questionStage(NlsqlConfig config) throws SQLException;

    /**
     * The police stage for one connection.
     *
     * @param backend the engine (dialect for re-rendering)
     * @param session where scratch lives ({@code scratchSchema} null: no scratch)
     * @param scratch the objects in scratch, kept current by the pipeline (for the policy's
     *     scratch catalog: {@code contains(name)}, {@code version()})
     */
    StatementPolicy policy(Backend backend, BackendSession session, ScratchObjects scratch, NlsqlConfig config)
            throws SQLException;

    /**
     * Where records go, or null for none. The store is shared and owned by the stages (the
     * connection does not close it).
     */
    ProvenanceStore provenanceStore(NlsqlConfig config) throws SQLException;

    /** A new digest per result, or null to count rows without hashing. */
    Supplier<ResultDigest> resultDigests(NlsqlConfig config);

    /**
     * SHA-256 of the source's schema snapshot for provenance, or null when unknown. Called before
     * a connection's first statement and again, before a statement, once
     * {@code nlsql.schema.refreshMs} has passed since the last call (an implementation should
     * re-check cheaply and snapshot again only when the schema changed).
     */
    default String schemaHash(Connection source, Backend backend, BackendSession session, NlsqlConfig config) throws SQLException {
        return null;
    }

    /**
     * Releases what the stages own (provenance stores: flushed, then closed), when the driver is
     * deregistered ({@link java.sql.DriverManager#deregisterDriver}); the instance is not used
     * again. Connections still open lose their stages' resources (a store append then fails with
     * SQLState {@code 58030}). Default: nothing to release.
     *
     * @throws SQLException when something could not be released cleanly (for a store: records
     *     that could not be written, SQLState {@code 58030})
     */
    default void close() throws SQLException {}
}
