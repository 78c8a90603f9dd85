package dev.nlsql.nl;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ExecutionGuidedSelection;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.model.vault.Slot;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NL dialect's entry point: recognises a question, masks its values, and finds SQL for it
 * (pinned translation, else cached translation, else the model), validated before it is
 * returned. The driver calls {@link #plan}; it prepares {@link NlPlan#sql()}, binds
 * {@link NlPlan#parameters()} and runs it, or, for {@code EXPLAIN ASK}, returns
 * {@link ExplainAsk#row(NlPlan)}. Thread-safe; share one instance per data source.
 *
 * <p>Pipeline of {@link #plan}: classify ({@link NlClassifier}); mask with the ID vault
 * ({@link IdVault}, value linking through a {@link JdbcValueIndex} built once per schema hash);
 * look up a pin ({@link PinnedTranslations}), then the cache ({@link TranslationCache}, keyed by
 * {@link TranslationKey}, whose decode settings are the model's plus this dialect's
 * {@link NlOptions#selectionSettings selection settings}); otherwise link the schema ({@link SchemaLinker}), ask the
 * {@link Translator} for candidates, validate them with {@link SqlValidator}, and of the valid
 * ones take the first, or, with execution-guided selection on ({@code nlsql.nl.execGuided},
 * default) and several valid ones, the one {@link ExecutionGuidedSelection} picks after probing
 * them on the context's connection ({@link JdbcCandidateProbe}); cache it. Values are only ever
 * bound as parameters.
 */
public final class NlDialect {

    /** SQLState for a question that yields no valid SQL, or a model that cannot run. */
    public static final String MODEL_FAILURE = "HY000";
    /** SQLState for bound values that do not fit the question's {@code ?} markers. */
    public static final String BAD_PARAMETER = "22023";

    private static final int MAX_SCHEMAS = 16;

    private final NlOptions options;
    private final NlClassifier classifier;
    private final Translator translator;
    private final TranslationCache cache;
    private final PinnedTranslations pinned;
    private final Map<String, SchemaLinker> linkers = new ConcurrentHashMap<>();
    private final Map<String, Optional<JdbcValueIndex>> valueIndexes = new ConcurrentHashMap<>();

    /**
     * @param options options (see {@link NlOptions})
     * @param translator the model, or null when only pinned and cached translations may be used
     * @param cache where translations are kept for replay; null: an in-memory LRU of
     *     {@code options.cacheSize()} entries
     * @param pinned SQL-pack pins, or null for none
     */
    public NlDialect(NlOptions options, Translator translator, TranslationCache cache, PinnedTranslations pinned) {
        this.options = options == null ? NlOptions.defaults() : options;
        this.classifier = new NlClassifier(this.options.mode());
        this.translator = translator;
        this.cache = cache == null ? new LruTranslationCache(this.options.cacheSize()) : cache;
        this.pinned = pinned == null ? PinnedTranslations.none() : pinned;
    }

    /**
     * The dialect a driver connection uses: options from its connection properties, an in-memory
     * LRU cache, and, when a provenance store is given, the persistent cache
     * ({@code nlsql.nl.cache.persist}) and the store's pinned translations ({@code nlsql.nl.pins}).
     *
     * @param properties connection properties ({@code nlsql.*}; others ignored)
     * @param translator the model, or null (then only pinned and cached translations answer)
     * @param store the provenance store's translation cache, or null
     * @throws SQLException SQLState {@code 22023} for a malformed option
     */
    public static NlDialect create(java.util.Properties properties, Translator translator,
            dev.nlsql.provenance.TranslationCache store) throws SQLException {
        NlOptions o;
        try {
            o = NlOptions.from(properties == null ? new java.util.Properties() : properties);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), BAD_PARAMETER, e);
        }
        TranslationCache cache = new LruTranslationCache(o.cacheSize());
        if (store != null && o.persistCache()) {
            cache = new TieredTranslationCache(cache, new StoreTranslationCache(store));
        }
        PinnedTranslations pins = store != null && o.usePins() ? new StorePinnedTranslations(store) : null;
        return new NlDialect(o, translator, cache, pins);
    }

    /** The options in force. */
    public NlOptions options() {
        return options;
    }

    /** Whether {@code statementText} is a question under this dialect's mode (no other work done). */
    public Optional<NlStatement> classify(String statementText) {
        return classifier.classify(statementText);
    }

    /**
     * Plans one statement.
     *
     * @param statementText the caller's statement text
     * @param boundValues values the caller bound to {@code ?} markers (PreparedStatement), in
     *     order; null or empty for a plain Statement
     * @param ctx the connection's engine, schema, policy and value source
     * @return empty when the statement is not a question (run it as SQL); else the plan. For
     *     {@code EXPLAIN ASK} a plan is returned even when no valid SQL was found
     *     or the model cannot run ({@link NlPlan#failed()}, with the reason)
     * @throws SQLException SQLState {@code HY000} when an {@code ASK} question yields no valid
     *     SQL (the message names the best candidate and why it was refused) or the model cannot
     *     run; {@code 22023} when the bound values do not match the question's {@code ?} markers
     */
    public Optional<NlPlan> plan(String statementText, List<Object> boundValues, NlContext ctx) throws SQLException {
        Optional<NlStatement> statement = classifier.classify(statementText);
        if (statement.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plan(statement.get(), boundValues, ctx));
    }

    /** Plans a statement already classified as a question; see {@link #plan(String, List, NlContext)}. */
    public NlPlan plan(NlStatement statement, List<Object> boundValues, NlContext ctx) throws SQLException {
        long t0 = System.nanoTime();
        JdbcValueIndex values = valueIndex(ctx);
        MaskedQuestion masked;
        try {
            masked = IdVault.mask(statement.question(), boundValues == null ? List.of() : boundValues, values);
        } catch (IllegalArgumentException e) {
            throw new SQLException("ASK: " + e.getMessage() + "; bind one value per ? marker in the question",
                    BAD_PARAMETER, e);
        }
        Set<String> expected = masked.slots().keySet();
        String normalised = TranslationKey.normalise(masked.text());
        String schemaHash = ctx.schema().sha256();
        SqlValidator[] made = new SqlValidator[1];
        java.util.function.Supplier<SqlValidator> validator = () -> made[0] != null ? made[0]
                : (made[0] = new SqlValidator(ctx.schema(), ctx.engine(), ctx.policy()));
        ModelIdentity identity = translator == null ? null : recorded(translator.identity(), ctx, values);
        Builder b = new Builder(statement, masked, ctx, values, schemaHash, identity, t0);

        String pinProblem = null;
        Optional<PinnedTranslations.Pin> pin = pinned.find(schemaHash, normalised);
        if (pin.isPresent()) {
            SqlValidation v = validator.get().validate(pin.get().templateSql(), expected);
            if (v.valid()) {
                return b.ok(v.sql(), v.placeholderOrder(), PlanSource.PINNED, null, pin.get().id());
            }
            pinProblem = "pinned translation " + pin.get().id() + " refused: " + v.reason();
        }

        if (translator == null) {
            return b.fail(join(pinProblem, "no model is configured and no pinned translation matches"), null);
        }
        TranslationKey key = new TranslationKey(schemaHash, ctx.engine().id(), normalised,
                identity.name(), identity.weightsSha256(), identity.decodeConfig());
        Optional<CachedTranslation> hit = cache.get(key);
        if (hit.isPresent()) {
            CachedTranslation c = hit.get();
            if (c.sql() != null) {
                return b.ok(c.sql(), c.placeholderOrder(), PlanSource.CACHE, c.promptHash(), null);
            }
            SqlValidation v = validator.get().validate(c.templateSql(), expected);
            if (v.valid()) {
                cache.put(key, new CachedTranslation(v.templateSql(), v.sql(), v.placeholderOrder(), c.promptHash()));
                return b.ok(v.sql(), v.placeholderOrder(), PlanSource.CACHE, c.promptHash(), null);
            }
        }

        List<String> valueColumns = new ArrayList<>();
        for (Slot s : masked.slots().values()) {
            if (s.column() != null) {
                valueColumns.addAll(values == null ? List.of(s.column()) : columnsOrSelf(values, s));
            } else if (values != null && s.value() instanceof String text) {
                // a quoted value the database holds: a linking hint too (the user's spelling is kept)
                valueColumns.addAll(values.columnsFor(text));
            }
        }
        SchemaContext schema = linker(ctx).link(masked.text(), valueColumns);
        TranslationRequest request = new TranslationRequest(schema, masked.text(), masked.placeholderKinds(),
                ctx.engine().id(), options.candidates(), TranslationRequest.valueColumnsOf(masked));
        String promptHash = PromptText.hash(request);
        List<Candidate> candidates;
        try {
            candidates = translator.translate(request);
        } catch (TranslationException | RuntimeException e) {
            if (statement.explain()) {
                return b.fail(join(pinProblem, "the model could not run: " + e.getMessage()), null, promptHash);
            }
            throw new SQLException("ASK: the model could not run: " + e.getMessage(), MODEL_FAILURE, e);
        }
        String best = null;
        String bestReason = null;
        List<SqlValidation> valid = new ArrayList<>();
        for (Candidate c : candidates == null ? List.<Candidate>of() : candidates) {
            SqlValidation v = validator.get().validate(c.sql(), expected);
            if (v.valid()) {
                valid.add(v);
                if (!probing(ctx)) {
                    break; // the first valid candidate is used: no need to validate the rest
                }
            } else if (best == null) {
                best = c.sql();
                bestReason = v.reason();
            }
        }
        if (!valid.isEmpty()) {
            SqlValidation v = choose(valid, b, ctx);
            cache.put(key, new CachedTranslation(v.templateSql(), v.sql(), v.placeholderOrder(), promptHash));
            return b.ok(v.sql(), v.placeholderOrder(), PlanSource.MODEL, promptHash, null);
        }
        String reason = best == null
                ? "the model returned no candidate"
                : "no valid SQL among " + candidates.size() + " candidate(s); best candidate: " + best.strip()
                        + " -- refused: " + bestReason;
        return b.fail(join(pinProblem, reason), best, promptHash);
    }

    /**
     * The model as this call's cache key, provenance record and EXPLAIN ASK name it: its decode
     * config followed by the dialect's settings that change which SQL is chosen
     * ({@link NlOptions#selectionSettings(boolean, boolean)}, joined by
     * {@link TranslationKey#decodeSettings}), as they apply: selection is recorded as
     * execution-guided only when probes can run (a connection is given), value linking as off when
     * no value index could be built.
     */
    private ModelIdentity recorded(ModelIdentity model, NlContext ctx, JdbcValueIndex values) {
        return new ModelIdentity(model.name(), model.weightsSha256(), TranslationKey.decodeSettings(
                model.decodeConfig(), options.selectionSettings(probing(ctx), values != null)));
    }

    /** Whether valid candidates are probed on the target (execution-guided selection is on and a connection is given). */
    private boolean probing(NlContext ctx) {
        return options.executionGuided() && ctx.valueSource() != null;
    }

    /**
     * The valid candidate to use: with execution-guided selection, the one
     * {@link ExecutionGuidedSelection} picks from probes on the target connection
     * ({@link JdbcCandidateProbe}: at most one row read, {@code nlsql.nl.probe.timeoutMs} each);
     * else, or with a single valid candidate (nothing to choose), the first.
     */
    private SqlValidation choose(List<SqlValidation> valid, Builder b, NlContext ctx) {
        if (valid.size() == 1 || !probing(ctx)) {
            return valid.get(0);
        }
        JdbcCandidateProbe probe = new JdbcCandidateProbe(ctx.valueSource(), options.probeTimeoutMs());
        return ExecutionGuidedSelection.select(valid, v -> {
            List<NlParameter> params;
            try {
                params = b.parameters(v.placeholderOrder());
            } catch (SQLException e) {
                return ExecutionGuidedSelection.Probe.FAILED;
            }
            return probe.probe(v.sql(), params);
        }).orElseThrow().chosen();
    }

    private static List<String> columnsOrSelf(JdbcValueIndex values, Slot s) {
        List<String> all = values.columnsFor(String.valueOf(s.value()));
        return all.isEmpty() ? List.of(s.column()) : all;
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private SchemaLinker linker(NlContext ctx) {
        String h = ctx.schema().sha256();
        if (linkers.size() > MAX_SCHEMAS) {
            linkers.clear();
        }
        return linkers.computeIfAbsent(h, k -> new SchemaLinker(ctx.schema(), options.maxTables(), options.maxColumns()));
    }

    /** The value index for the context's schema, built on first use; null when off or unavailable. */
    private JdbcValueIndex valueIndex(NlContext ctx) {
        if (!options.valueLinking() || ctx.valueSource() == null) {
            return null;
        }
        String key = ctx.engine().id() + ":" + ctx.schema().sha256();
        if (valueIndexes.size() > MAX_SCHEMAS) {
            valueIndexes.clear();
        }
        return valueIndexes.computeIfAbsent(key, k -> {
            try {
                return Optional.of(JdbcValueIndex.build(ctx.valueSource(), ctx.schema(), ctx.engine(),
                        options.valuesPerColumn(), options.valuesTotal(), options.valueMaxLength(),
                        options.valueBudgetMs()));
            } catch (RuntimeException e) {
                // value linking is an aid; a database that cannot be read for it still answers
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** Assembles plans for one call. */
    private final class Builder {
        private final NlStatement statement;
        private final MaskedQuestion masked;
        private final NlContext ctx;
        private final JdbcValueIndex values;
        private final String schemaHash;
        /** The model with this call's selection settings ({@link #recorded}), or null without a model. */
        private final ModelIdentity identity;
        private final long t0;

        Builder(NlStatement statement, MaskedQuestion masked, NlContext ctx, JdbcValueIndex values,
                String schemaHash, ModelIdentity identity, long t0) {
            this.statement = statement;
            this.masked = masked;
            this.ctx = ctx;
            this.values = values;
            this.schemaHash = schemaHash;
            this.identity = identity;
            this.t0 = t0;
        }

        NlPlan ok(String sql, List<String> order, PlanSource source, String promptHash, String pinId) throws SQLException {
            return new NlPlan(statement.explain(), statement.question(), masked.text(), masked.slots(), sql,
                    parameters(order), source, schemaHash, identity, promptHash, ms(), null, null, pinId);
        }

        /** The typed parameters for placeholders in marker order. */
        List<NlParameter> parameters(List<String> order) throws SQLException {
            List<NlParameter> params = new ArrayList<>();
            for (String name : order) {
                Slot slot = masked.slots().get(name);
                if (slot == null) {
                    throw new SQLException("ASK: translation uses " + name + ", which the question does not have",
                            MODEL_FAILURE);
                }
                ParameterTyping.Typed t = ParameterTyping.type(slot, ctx.engine(), values);
                params.add(new NlParameter(params.size() + 1, name, slot.kind().name(), t.jdbcType(), t.value()));
            }
            return params;
        }

        NlPlan fail(String reason, String best) throws SQLException {
            return fail(reason, best, null);
        }

        NlPlan fail(String reason, String best, String promptHash) throws SQLException {
            if (!statement.explain()) {
                throw new SQLException("ASK: no valid SQL for the question \"" + masked.text() + "\": " + reason
                        + ". Rephrase the question, or pin a verified translation in an SQL pack.", MODEL_FAILURE);
            }
            return new NlPlan(true, statement.question(), masked.text(), masked.slots(), null, List.of(), null,
                    schemaHash, identity, promptHash, ms(), reason, best, null);
        }

        private double ms() {
            return (System.nanoTime() - t0) / 1e6;
        }
    }

}
