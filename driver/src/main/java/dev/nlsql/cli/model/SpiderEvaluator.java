package dev.nlsql.cli.model;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.ExecutionGuidedSelection;
import dev.nlsql.model.ExecutionGuidedSelection.Probe;
import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import dev.nlsql.model.eval.EvalOutcome;
import dev.nlsql.model.eval.PlaceholderSql;
import dev.nlsql.model.eval.ProgressLine;
import dev.nlsql.model.eval.ResultComparator;
import dev.nlsql.model.eval.SpiderDataset;
import dev.nlsql.model.eval.SpiderExample;
import dev.nlsql.model.eval.SpiderQueries;
import dev.nlsql.model.eval.ValueIndexBuilder;
import dev.nlsql.model.vault.IdVault;
import dev.nlsql.model.vault.MaskedQuestion;
import dev.nlsql.model.vault.Slot;
import dev.nlsql.model.vault.ValueIndex;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Runs Spider questions end to end on their SQLite databases: masks each question with the ID
 * vault (plus a {@link ValueIndexBuilder} over the database's text values), asks the
 * {@link Translator}, checks the candidate (placeholders exact, parses as one SELECT, names
 * only schema objects), binds the placeholders as JDBC parameters, executes it and the gold
 * query read-only with a per-query timeout, and compares the results with
 * {@link ResultComparator}.
 *
 * <p>Only a candidate that passes every check is run, as in the NL dialect. Of several
 * candidates, the one scored is chosen by {@link ExecutionGuidedSelection}, the rule the NL
 * dialect uses too: the first valid one that executes and returns rows, else the first that
 * executes, else the first valid one, else the first. Not thread-safe; one run at a time.
 */
public final class SpiderEvaluator implements AutoCloseable {

    /**
     * Settings.
     *
     * @param databaseDir Spider's {@code database} folder ({@code <db>/<db>.sqlite})
     * @param queryTimeoutMs per-query execution limit in milliseconds (enforced by
     *     {@code Statement.cancel()} from a watchdog thread)
     * @param maxRows rows read per query at most; a larger result counts as a mismatch
     * @param candidates candidates asked of the translator per question
     * @param valuesPerColumn distinct text values read per column for the value index
     */
    public record Options(Path databaseDir, long queryTimeoutMs, int maxRows, int candidates, int valuesPerColumn) {
        public Options {
            if (queryTimeoutMs <= 0 || maxRows <= 0 || candidates <= 0 || valuesPerColumn < 0) {
                throw new IllegalArgumentException("timeouts, row and candidate limits must be positive");
            }
        }

        /** Defaults: 10 s per query, 100000 rows, one candidate, 5000 values per column. */
        public static Options defaults(Path databaseDir) {
            return new Options(databaseDir, 10_000, 100_000, 1, 5000);
        }
    }

    /** One database, opened read-only, with its value index. */
    private record Db(Connection connection, ValueIndexBuilder values, ValueIndex index) {}

    private final Translator translator;
    private final Map<String, SchemaContext> schemas;
    private final Options options;
    private final Map<String, Db> open = new HashMap<>();

    /**
     * @param translator the translator under evaluation (not closed here)
     * @param schemas database id to schema (from {@code tables.json})
     * @param options settings
     */
    public SpiderEvaluator(Translator translator, Map<String, SchemaContext> schemas, Options options) {
        this.translator = translator;
        this.schemas = schemas;
        this.options = options;
    }

    /**
     * Evaluates questions in order.
     *
     * @param examples the questions (their databases must be present)
     * @param progress receives a {@link ProgressLine} every {@code progressEvery} questions and
     *     at the end
     * @param progressEvery how often to report, in questions (at least 1)
     * @return one outcome per question
     * @throws SQLException when a database cannot be opened
     */
    public List<EvalOutcome> run(List<SpiderExample> examples, Consumer<String> progress, int progressEvery)
            throws SQLException {
        List<EvalOutcome> out = new ArrayList<>(examples.size());
        long start = System.nanoTime();
        int correct = 0;
        for (SpiderExample e : examples) {
            EvalOutcome o = evaluate(e);
            out.add(o);
            correct += o.correct() ? 1 : 0;
            if (out.size() % Math.max(1, progressEvery) == 0 || out.size() == examples.size()) {
                progress.accept(ProgressLine.format(out.size(), examples.size(), correct,
                        (System.nanoTime() - start) / 1_000_000));
            }
        }
        return out;
    }

    /**
     * Masks a question exactly as {@link #evaluate} does.
     *
     * @throws SQLException when the database cannot be opened
     */
    public MaskedQuestion mask(SpiderExample e) throws SQLException {
        return IdVault.mask(e.question(), List.of(), db(e.dbId()).index());
    }

    /**
     * Evaluates one question.
     *
     * @throws SQLException when the database cannot be opened (query failures are outcomes)
     */
    public EvalOutcome evaluate(SpiderExample e) throws SQLException {
        return evaluate(e, List.of(e.query()));
    }

    /**
     * Evaluates one question that has several acceptable gold queries (defog sql-eval): the
     * candidate is correct when its result equals that of any gold query that runs.
     *
     * @param e the question ({@code e.query()} is reported as the gold SQL)
     * @param goldAlternatives the acceptable gold queries, at least one
     * @throws SQLException when the database cannot be opened (query failures are outcomes)
     */
    public EvalOutcome evaluate(SpiderExample e, List<String> goldAlternatives) throws SQLException {
        Db db = db(e.dbId());
        SchemaContext schema = schemas.get(e.dbId());
        MaskedQuestion masked = IdVault.mask(e.question(), List.of(), db.index());
        Map<String, String> kinds = masked.placeholderKinds();
        TranslationRequest request = new TranslationRequest(schema, masked.text(), kinds, "sqlite", options.candidates(),
                TranslationRequest.valueColumnsOf(masked));

        long t0 = System.nanoTime();
        List<Candidate> candidates;
        String translationError = null;
        try {
            candidates = translator.translate(request);
        } catch (Exception ex) {
            candidates = List.of();
            translationError = "translation failed: " + ex.getMessage();
        }
        double latencyMs = (System.nanoTime() - t0) / 1e6;
        if (candidates.isEmpty()) {
            return new EvalOutcome(e.index(), e.dbId(), e.hardness(), e.question(), masked.text(), kinds, e.query(), null,
                    false, false, false, false, false, translationError == null ? "no candidate" : translationError, latencyMs);
        }

        List<List<List<Object>>> golds = new ArrayList<>();
        List<Boolean> ordered = new ArrayList<>();
        String goldError = null;
        for (String g : goldAlternatives) {
            try {
                golds.add(query(db.connection(), g, List.of()));
                ordered.add(new SpiderExample(e.index(), e.dbId(), e.question(), g, null).goldOrdered());
            } catch (SQLException ex) {
                goldError = "gold query failed: " + ex.getMessage();
            }
        }
        if (golds.isEmpty()) {
            Attempt first = check(candidates.get(0), schema, kinds);
            return outcome(e, masked, kinds, first, false, goldError, latencyMs, null);
        }
        long s0 = System.nanoTime();
        Attempt chosen = select(candidates, schema, kinds, masked, db);
        double selectionMs = (System.nanoTime() - s0) / 1e6;
        boolean same = false;
        for (int i = 0; i < golds.size() && chosen.rows() != null && !same; i++) {
            same = ResultComparator.sameResult(golds.get(i), chosen.rows(), ordered.get(i));
        }
        return outcome(e, masked, kinds, chosen, same, chosen.error(), latencyMs, selectionMs);
    }

    /**
     * Chooses the candidate to score by the project's one selection rule,
     * {@link ExecutionGuidedSelection} (as the NL dialect does): of the candidates that pass the
     * checks, the first that executes and returns rows, else the first that executes, else the
     * first valid one; with no valid candidate, the first candidate (unrun). Here a probe is the
     * full execution whose rows are then compared; a query cancelled by the timeout is an
     * unknown outcome and, as in the dialect, is taken.
     */
    private Attempt select(List<Candidate> candidates, SchemaContext schema, Map<String, String> kinds,
            MaskedQuestion masked, Db db) {
        List<Attempt> valid = new ArrayList<>();
        Attempt first = null;
        for (Candidate c : candidates) {
            Attempt a = check(c, schema, kinds);
            first = first == null ? a : first;
            if (a.valid()) {
                valid.add(a);
            }
        }
        Map<Attempt, Attempt> ran = new IdentityHashMap<>();
        return ExecutionGuidedSelection.select(valid, a -> {
            Attempt r = execute(a, masked, db);
            ran.put(a, r);
            if (r.rows() != null) {
                return r.rows().isEmpty() ? Probe.EMPTY : Probe.ROWS;
            }
            return r.error() != null && r.error().startsWith(TIMED_OUT) ? Probe.UNKNOWN : Probe.FAILED;
        }).map(choice -> ran.get(choice.chosen())).orElse(first);
    }

    private static final String TIMED_OUT = "execution timed out: ";

    /**
     * One candidate and what became of it.
     *
     * @param rows its result, or {@code null} when it was not run or failed
     * @param error why it is unusable, or {@code null}
     */
    private record Attempt(String sql, SqlCheck.Result check, boolean exact, PlaceholderSql.JdbcSql jdbc,
            List<List<Object>> rows, String error) {

        /** Passes every check: only such SQL is ever run, as in the NL dialect. */
        boolean valid() {
            return check.schemaValid() && exact;
        }
    }

    private static Attempt check(Candidate c, SchemaContext schema, Map<String, String> kinds) {
        PlaceholderSql.JdbcSql j = PlaceholderSql.toJdbc(c.sql());
        SqlCheck.Result r = SqlCheck.check(j.sql(), schema);
        boolean exact = PlaceholderSql.exact(c.sql(), kinds.keySet());
        String error = r.problem() != null ? r.problem()
                : exact ? null : "placeholders differ: uses " + PlaceholderSql.used(c.sql()) + ", given " + kinds.keySet();
        return new Attempt(c.sql(), r, exact, j, null, error);
    }

    private Attempt execute(Attempt a, MaskedQuestion masked, Db db) {
        List<Object> params = new ArrayList<>();
        for (String name : a.jdbc().parameters()) {
            Slot slot = masked.slots().get(name);
            if (slot == null) {
                return new Attempt(a.sql(), a.check(), a.exact(), a.jdbc(), null, "invented placeholder " + name);
            }
            params.add(db.values().jdbcValue(slot));
        }
        try {
            return new Attempt(a.sql(), a.check(), a.exact(), a.jdbc(), query(db.connection(), a.jdbc().sql(), params), null);
        } catch (SQLException ex) {
            String why = "57014".equals(ex.getSQLState()) ? TIMED_OUT : "execution failed: ";
            return new Attempt(a.sql(), a.check(), a.exact(), a.jdbc(), null, why + ex.getMessage());
        }
    }

    private static EvalOutcome outcome(SpiderExample e, MaskedQuestion masked, Map<String, String> kinds, Attempt a,
            boolean correct, String error, double latencyMs, Double selectionMs) {
        return new EvalOutcome(e.index(), e.dbId(), e.hardness(), e.question(), masked.text(), kinds, e.query(), a.sql(),
                a.check().parses(), a.check().schemaValid(), a.exact(), a.rows() != null, correct, error, latencyMs,
                selectionMs);
    }

    private List<List<Object>> query(Connection c, String sql, List<Object> params) throws SQLException {
        return SpiderQueries.run(c, sql, params, options.queryTimeoutMs(), options.maxRows());
    }

    private Db db(String dbId) throws SQLException {
        Db db = open.get(dbId);
        if (db != null) {
            return db;
        }
        SchemaContext schema = schemas.get(dbId);
        if (schema == null) {
            throw new SQLException("no schema for database " + dbId + " in tables.json", "08001");
        }
        Path file = SpiderDataset.databaseFile(options.databaseDir(), dbId);
        if (!file.toFile().isFile()) {
            throw new SQLException("database file missing: " + file, "08001");
        }
        Properties p = new Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
        ValueIndexBuilder values = ValueIndexBuilder.fromSqlite(c, schema, options.valuesPerColumn());
        db = new Db(c, values, values.build());
        open.put(dbId, db);
        return db;
    }

    /** Closes the database connections. */
    @Override
    public void close() {
        for (Db db : open.values()) {
            try {
                db.connection().close();
            } catch (SQLException ignored) {
                // closing a read-only connection: nothing to lose
            }
        }
        open.clear();
    }
}
