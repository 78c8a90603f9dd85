package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.SqlStates;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.policy.PolicyDecision;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.CanonicalResultDigest;
import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ResultDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one statement pipeline of a connection: classify → translate → police (here, in
 * {@link #plan} / {@link #planCall}), then execute (by the statement wrappers, under the
 * timeout) → record ({@link Execution}). Every execution path of the JDBC wrappers calls
 * {@link #plan} or {@link #planCall} exactly once per statement text: {@code execute*},
 * {@code executeQuery}, {@code executeUpdate}, {@code executeLarge*}, {@code addBatch},
 * {@code prepareStatement}, {@code prepareCall}, {@code nativeSQL}. Thread-safe.
 */
public final class StatementPipeline {

    private final Connection source;
    private final Backend backend;
    private final BackendSession session;
    private final NlsqlConfig config;
    private final PipelineStages stages;
    private final QuestionStage questions;
    private final StatementPolicy policy;
    private final ProvenanceStore store;
    private final Supplier<ResultDigest> digests;
    private final String user;
    private final String targetUrl;
    private final QuestionContext questionContext;
    private final ScratchObjects scratch = new ScratchObjects();
    /** A finished {@link CanonicalResultDigest} kept for the next result (its hash objects and buffer reused). */
    private final AtomicReference<CanonicalResultDigest> spareDigest = new AtomicReference<>();
    private volatile String schemaHash;
    private volatile boolean schemaHashRead;
    /** {@link System#nanoTime()} of the last schema fingerprint check. */
    private volatile long schemaCheckedAt;

    /**
     * @param source the raw target connection
     * @param user the user name for records, or null
     * @param targetUrl the target URL with credentials removed, for records
     */
    public StatementPipeline(Connection source, Backend backend, BackendSession session, NlsqlConfig config,
            PipelineStages stages, String user, String targetUrl) throws SQLException {
        this.source = source;
        this.backend = backend;
        this.session = session;
        this.config = config;
        this.stages = stages;
        this.questions = stages.questionStage(config);
        refreshScratch();
        this.policy = stages.policy(backend, session, scratch, config);
        this.store = config.provenanceEnabled() ? stages.provenanceStore(config) : null;
        this.digests = store == null ? null : stages.resultDigests(config);
        this.user = user;
        this.targetUrl = targetUrl;
        this.questionContext = new QuestionContext(source, backend, session, config, policy);
    }

    /**
     * Classifies, translates (questions) and polices one statement. A refusal is recorded and
     * rethrown.
     *
     * @throws SQLException the policy's refusal (42501, 25006, 42000), a translation failure
     *     (HY000), 22023 for null text
     */
    public Plan plan(String text) throws SQLException {
        return plan(text, List.of(), false);
    }

    /** As {@link #plan}, for {@code prepareCall}: policed with {@link StatementPolicy#checkCall}. */
    public Plan planCall(String text) throws SQLException {
        return plan(text, List.of(), true);
    }

    /**
     * As {@link #plan}, for a question prepared with {@code ?} markers: translated at execution
     * with the values the caller bound ({@link QuestionStage#translate}).
     */
    public Plan planQuestion(String text, List<Object> boundValues) throws SQLException {
        return plan(text, boundValues, false);
    }

    /** Whether {@code text} is a question (the classify stage alone; cheap). */
    public boolean isQuestion(String text) {
        return text != null && questions.isQuestion(text);
    }

    private Plan plan(String text, List<Object> boundValues, boolean call) throws SQLException {
        if (store != null) {
            // read the schema hash before anything runs: read first after a cancelled statement,
            // SQLite's connection-wide interrupt would still be pending for the metadata queries
            schemaHash();
        }
        long t0 = System.nanoTime();
        Translation translation = null;
        String sql = text;
        try {
            if (text == null) {
                throw SqlStates.badParameter("SQL text is null");
            }
            if (questions.isQuestion(text)) {
                if (call) {
                    throw new SQLException("a question (ASK ...) cannot be run with prepareCall; use a Statement or PreparedStatement",
                            SqlStates.SYNTAX_ERROR);
                }
                translation = questions.translate(text, boundValues, questionContext);
                sql = translation.sql();
                if (translation.explain() != null) {
                    // EXPLAIN ASK: shown, never executed, so nothing to police
                    long t1 = System.nanoTime();
                    return new Plan(text, sql, List.of(), new PolicyDecision(dev.nlsql.policy.StatementKind.QUERY, sql,
                            "explain", false), translation, (t1 - t0) / 1e6, 0);
                }
            }
            long t1 = System.nanoTime();
            PolicyDecision decision = call ? policy.checkCall(sql) : policy.check(sql);
            long t2 = System.nanoTime();
            return new Plan(text, decision.sql(), translation == null ? List.of() : translation.parameters(), decision,
                    translation, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        } catch (SQLException e) {
            recordRefusal(text, translation, e);
            throw e;
        }
    }

    /**
     * Re-reads the scratch schema's objects from the engine (after a scratch write). A failure to
     * read leaves the previous set: the policy then refuses what it cannot route.
     */
    public void refreshScratch() {
        if (session.scratchSchema() == null) {
            return;
        }
        try {
            scratch.replaceAll(backend.scratchObjects(source, session));
        } catch (SQLException e) {
            // keep the last known set
        }
    }

    /** The objects in scratch, as last read. */
    public ScratchObjects scratch() {
        return scratch;
    }

    /** Starts recording one execution of {@code plan}; null when nothing is recorded. */
    public Execution begin(Plan plan) {
        return store == null ? null : new Execution(this, plan);
    }

    /** Whether executions are recorded (a provenance store is configured and enabled). */
    public boolean recording() {
        return store != null;
    }

    /**
     * A digest for one result: the connection's spare {@link CanonicalResultDigest} reset, else
     * a new one from the stages; null when results are not hashed.
     *
     * @param ordered whether the SQL orders its rows (only then is the ordered digest kept;
     *     applies to {@link CanonicalResultDigest}, other digests decide for themselves)
     */
    ResultDigest newDigest(boolean ordered) {
        if (digests == null) {
            return null;
        }
        CanonicalResultDigest spare = spareDigest.getAndSet(null);
        if (spare != null) {
            spare.reset(ordered);
            return spare;
        }
        ResultDigest d = digests.get();
        if (d instanceof CanonicalResultDigest c && c.ordered() != ordered) {
            c.reset(ordered);
        }
        return d;
    }

    /** Hands back a digest whose hex values were read, for the connection's next result. */
    void recycle(ResultDigest d) {
        if (d instanceof CanonicalResultDigest c) {
            spareDigest.set(c);
        }
    }

    private void recordRefusal(String text, Translation translation, SQLException e) throws SQLException {
        if (store == null) {
            return;
        }
        ProvenanceRecord.Builder b = baseRecord(Ids.next(), Instant.now(), text, translation)
                .sql(translation == null ? null : translation.sql())
                .decision("refused")
                .rule(e instanceof PolicyException pe ? pe.rule() : translation == null && questions.isQuestion(text) ? "translate" : "refused")
                .sqlState(e.getSQLState())
                .error(e.getMessage());
        try {
            store.append(b.build());
        } catch (SQLException storeFailure) {
            e.addSuppressed(storeFailure);
        }
    }

    ProvenanceRecord.Builder baseRecord(String id, Instant time, String text, Translation translation) {
        ProvenanceRecord.Builder b = ProvenanceRecord.builder().id(id).time(time).user(user).targetUrl(targetUrl)
                .statement(text).schemaHash(schemaHash());
        if (translation != null) {
            b.question(translation.question()).placeholders(translation.placeholders()).model(translation.model());
        }
        return b;
    }

    void append(ProvenanceRecord r) throws SQLException {
        store.append(r);
    }

    /**
     * The source schema hash: read before the first statement, then re-checked (the stage's cheap
     * fingerprint; a new snapshot only when it changed) before a statement once
     * {@code nlsql.schema.refreshMs} has passed since the last check. A failed re-check keeps the
     * hash read before and is tried again at the next statement.
     */
    private String schemaHash() {
        long now = System.nanoTime();
        if (!schemaHashRead || now - schemaCheckedAt >= config.schemaRefreshMs() * 1_000_000L) {
            synchronized (this) {
                if (!schemaHashRead || now - schemaCheckedAt >= config.schemaRefreshMs() * 1_000_000L) {
                    try {
                        schemaHash = stages.schemaHash(source, backend, session, config);
                        schemaCheckedAt = System.nanoTime();
                    } catch (SQLException e) {
                        if (!schemaHashRead) {
                            schemaHash = null;
                            schemaCheckedAt = System.nanoTime();
                        }
                    }
                    schemaHashRead = true;
                }
            }
        }
        return schemaHash;
    }

    public Backend backend() {
        return backend;
    }

    public BackendSession session() {
        return session;
    }

    public NlsqlConfig config() {
        return config;
    }

    /** The police stage in use (for tests and diagnostics). */
    public StatementPolicy policy() {
        return policy;
    }
}
