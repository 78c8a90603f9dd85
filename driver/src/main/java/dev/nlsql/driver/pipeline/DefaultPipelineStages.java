package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.SqlStates;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.Translator;
import dev.nlsql.nl.NlDialect;
import dev.nlsql.policy.PolicyConfig;
import dev.nlsql.policy.SharedPolicies;
import dev.nlsql.policy.SqlPolicy;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.CanonicalResultDigest;
import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.ResultDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The stages used unless {@code nlsql.stages} names others; the one place where the other
 * modules' implementations are plugged into the pipeline:
 * <ul>
 *   <li>questions: the NL dialect ({@link NlDialect}) with the translator named by
 *       {@code nlsql.model} ({@code builtin}: the shipped DJL model, loaded on the first
 *       question; {@code openai}: an OpenAI-compatible completion endpoint at
 *       {@code nlsql.model.url}; {@code none}: only pinned and cached translations answer);</li>
 *   <li>policy: {@link SqlPolicy} for the backend's engine, with the connection's scratch
 *       objects as its scratch catalog; connections with the same policy options share its
 *       parsers and decision cache ({@link SharedPolicies});</li>
 *   <li>provenance: the store named by the {@code nlsql.provenance.*} options (embedded H2 by
 *       default), {@link CanonicalResultDigest} per result, and the source schema hash.</li>
 * </ul>
 * Stores, dialects and the model are shared by every connection with the same options.
 */
public class DefaultPipelineStages implements PipelineStages {

    /** {@code nlsql.model}: {@code builtin} (default), {@code openai} or {@code none}. */
    public static final String MODEL_OPTION = dev.nlsql.driver.NlsqlOption.MODEL.key();
    /** {@code nlsql.model.beam}: beam width of the built-in model, default 4. */
    public static final String BEAM_OPTION = dev.nlsql.driver.NlsqlOption.MODEL_BEAM.key();

    private static final Map<String, Translator> TRANSLATORS = new ConcurrentHashMap<>();

    private final Map<String, ProvenanceStore> stores = new ConcurrentHashMap<>();
    private final Map<String, QuestionStage> questionStages = new ConcurrentHashMap<>();
    private final SchemaSnapshots snapshots = new SchemaSnapshots();
    private final SharedPolicies policies = new SharedPolicies();

    @Override
    public QuestionStage questionStage(NlsqlConfig config) throws SQLException {
        Properties props = config.toProperties();
        String key = props.toString();
        QuestionStage stage = questionStages.get(key);
        if (stage != null) {
            return stage;
        }
        JdbcProvenanceStore store = provenanceStore(config) instanceof JdbcProvenanceStore j ? j : null;
        NlDialect dialect = NlDialect.create(props, translator(props), store == null ? null : store.translations());
        return questionStages.computeIfAbsent(key, k -> new NlQuestionStage(dialect, snapshots));
    }

    private static Translator translator(Properties props) throws SQLException {
        String model = props.getProperty(MODEL_OPTION, dev.nlsql.driver.NlsqlOption.MODEL.defaultValue()).trim().toLowerCase(Locale.ROOT);
        switch (model) {
            case "none":
                return null;
            case "builtin":
                int beam;
                try {
                    beam = Integer.parseInt(props.getProperty(BEAM_OPTION, dev.nlsql.driver.NlsqlOption.MODEL_BEAM.defaultValue()).trim());
                } catch (NumberFormatException e) {
                    throw new SQLException(BEAM_OPTION + " must be an integer, not '"
                            + props.getProperty(BEAM_OPTION) + "'", SqlStates.BAD_PARAMETER);
                }
                if (beam < 1 || beam > 32) {
                    throw new SQLException(BEAM_OPTION + " must be between 1 and 32, not " + beam,
                            SqlStates.BAD_PARAMETER);
                }
                return TRANSLATORS.computeIfAbsent("builtin:" + beam,
                        k -> new LazyTranslator(() -> DjlTranslator.fromClasspath(beam)));
            case "openai":
                try {
                    dev.nlsql.model.http.OpenAiConfig cfg =
                            dev.nlsql.model.http.OpenAiConfig.fromProperties(props, System.getenv());
                    return TRANSLATORS.computeIfAbsent("openai:" + cfg,
                            k -> new dev.nlsql.model.http.OpenAiTranslator(cfg));
                } catch (IllegalArgumentException e) {
                    throw new SQLException(e.getMessage(), SqlStates.BAD_PARAMETER, e);
                }
            default:
                throw new SQLException(MODEL_OPTION + " must be builtin, openai or none, not '" + model + "'",
                        SqlStates.BAD_PARAMETER);
        }
    }

    @Override
    public StatementPolicy policy(Backend backend, BackendSession session, ScratchObjects scratch, NlsqlConfig config)
            throws SQLException {
        Properties props = config.toProperties();
        if (session.scratchSchema() != null) {
            props.setProperty(PolicyConfig.SCRATCH_SCHEMA, session.scratchSchema());
        }
        try {
            return policies.policy(PolicyConfig.fromProperties(backend.engine(), props, scratch));
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), SqlStates.BAD_PARAMETER, e);
        }
    }

    @Override
    public ProvenanceStore provenanceStore(NlsqlConfig config) throws SQLException {
        if (!config.provenanceEnabled()) {
            return null;
        }
        Properties props = config.toProperties();
        String key = props.toString();
        ProvenanceStore store = stores.get(key);
        if (store != null) {
            return store;
        }
        synchronized (stores) {
            store = stores.get(key);
            if (store == null) {
                store = ProvenanceStores.open(props);
                stores.put(key, store);
            }
            return store;
        }
    }

    /**
     * Closes every provenance store handle these stages opened (each flushes first, so every
     * record appended before is written; the last handle on a store stops its writer thread and
     * pool) and forgets the question stages that use them.
     *
     * @throws SQLException the first store's failure (others suppressed), SQLState {@code 58030}
     */
    @Override
    public void close() throws SQLException {
        List<ProvenanceStore> open;
        synchronized (stores) {
            open = new ArrayList<>(stores.values());
            stores.clear();
            questionStages.clear();
        }
        SQLException first = null;
        for (ProvenanceStore s : open) {
            try {
                s.close();
            } catch (SQLException | RuntimeException e) {
                SQLException se = e instanceof SQLException x ? x
                        : new SQLException("closing " + s + ": " + e, "58030", e);
                if (first == null) {
                    first = se;
                } else {
                    first.addSuppressed(se);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Closes the translators shared by every instance (the built-in model's DJL predictors and
     * native memory, HTTP clients); the next question loads them again.
     */
    public static void closeTranslators() {
        List<Translator> all = new ArrayList<>(TRANSLATORS.values());
        TRANSLATORS.clear();
        for (Translator t : all) {
            try {
                t.close();
            } catch (RuntimeException e) {
                System.getLogger(DefaultPipelineStages.class.getName()).log(System.Logger.Level.WARNING,
                        "closing translator: " + e);
            }
        }
    }

    @Override
    public Supplier<ResultDigest> resultDigests(NlsqlConfig config) {
        return config.provenanceEnabled() ? CanonicalResultDigest::new : null;
    }

    @Override
    public String schemaHash(Connection source, Backend backend, BackendSession session, NlsqlConfig config)
            throws SQLException {
        return snapshots.current(source, session).sha256();
    }
}
