package dev.nlsql.policy;

import dev.nlsql.policy.internal.CalciteChecker;
import dev.nlsql.policy.internal.CatalogLookups;
import dev.nlsql.policy.internal.Checked;
import dev.nlsql.policy.internal.FunctionRules;
import dev.nlsql.policy.internal.JSqlChecker;
import dev.nlsql.policy.internal.Refusals;
import dev.nlsql.policy.internal.RenderedSqlCheck;
import dev.nlsql.policy.internal.StatementHead;
import java.util.Set;
import net.sf.jsqlparser.statement.Statement;
import org.apache.calcite.sql.SqlKind;

/**
 * The nlsql statement policy: exactly one statement, read-only against the source, writes only
 * to scratch objects, fail closed. Thread-safe. One instance per connection (each has its own
 * scratch catalog); the parsers, checkers and the decision cache can be shared by every policy of
 * the same configuration ({@link SharedPolicies}).
 *
 * <p>Pipeline for one statement text (results are cached by text, see {@link DecisionCache}):
 * <ol>
 *   <li>transaction control recognised by exact pattern; statements led by a keyword that only
 *       starts something forbidden (ATTACH, PRAGMA, COPY, ...) refused with a precise rule;</li>
 *   <li>Calcite parses it (core parser, then Babel). More than one statement: refused. A query:
 *       its tree is checked and re-rendered with the engine's Calcite dialect;</li>
 *   <li>otherwise JSqlParser 5.4 parses it (exactly one statement), every node of its tree is
 *       checked, DDL/DML targets are routed to scratch or refused, and it is re-rendered by
 *       JSqlParser's deparser; neither parser reads it: refused with 42000;</li>
 *   <li>the re-rendered text is lexed again with the engine's lexical rules
 *       ({@code RenderedSqlCheck}): comments, {@code ;}, ambiguous literals, non-{@code ?}
 *       parameters or deny-listed calls mean a parser differential, and it is refused.</li>
 * </ol>
 * Only the re-rendered text is returned for execution ({@link PolicyDecision#sql()}), never the
 * caller's, except in {@link PolicyMode#AUDIT}.
 */
public final class SqlPolicy implements StatementPolicy {

    /** Longest statement text policed, in characters; longer ones are refused (42501). */
    public static final int MAX_STATEMENT_CHARS = 256 * 1024;
    /** Longest statement text whose verdict is cached, in characters (bounds the cache's memory). */
    public static final int MAX_CACHED_CHARS = 16 * 1024;

    private final PolicyConfig config;
    private final Core core;
    private final CalciteChecker calcite;
    private final JSqlChecker jsql;
    private final DecisionCache cache;

    /** A policy with parsers, checkers and a decision cache of its own. */
    public SqlPolicy(PolicyConfig config) {
        this(config, new Core(config));
    }

    SqlPolicy(PolicyConfig config, Core core) {
        this.config = config;
        this.core = core;
        this.calcite = core.calcite;
        this.jsql = core.jsql;
        this.cache = core.cache;
    }

    /**
     * What policies of one configuration (everything but the scratch catalog) can share: the
     * function lists, the parser configurations, the dialect and the decision cache. The checkers
     * read the scratch catalog only through the {@link CatalogLookups} of each check.
     */
    static final class Core {
        final CalciteChecker calcite;
        final JSqlChecker jsql;
        final DecisionCache cache;

        Core(PolicyConfig config) {
            PolicyConfig noCatalog = config.withScratchCatalog(ScratchCatalog.NONE);
            FunctionRules functions = new FunctionRules(config.engine(), config.extraFunctions());
            this.calcite = new CalciteChecker(noCatalog, functions);
            this.jsql = new JSqlChecker(noCatalog, functions);
            this.cache = new DecisionCache(config.cacheSize());
        }
    }

    /** Whether this policy shares its parsers and decision cache with {@code other}. */
    public boolean sharesCacheWith(SqlPolicy other) {
        return other != null && other.core == core;
    }

    /** Read-only policy with defaults for an engine. */
    public static SqlPolicy forEngine(Engine engine) {
        return new SqlPolicy(PolicyConfig.defaults(engine));
    }

    public PolicyConfig config() {
        return config;
    }

    /** Number of cached verdicts (for tests and metrics). */
    public int cachedStatements() {
        return cache.size();
    }

    @Override
    public PolicyDecision check(String sql) throws PolicyException {
        if (sql == null) {
            throw Refusals.syntax("no statement (null)", null);
        }
        if (config.mode() == PolicyMode.AUDIT) {
            return new PolicyDecision(StatementHead.guessKind(sql), sql, "audit", false);
        }
        ScratchCatalog catalog = config.scratchCatalog();
        DecisionCache.Entry hit = cache.get(sql, catalog);
        if (hit != null) {
            if (hit.decision() != null) {
                return hit.decision();
            }
            PolicyException r = hit.refusal();
            throw new PolicyException(r.getMessage(), r.getSQLState(), r.rule(), r.getCause());
        }
        CatalogLookups lookups = new CatalogLookups(catalog);
        try {
            Checked c = decideFailClosed(sql, lookups);
            PolicyDecision d = new PolicyDecision(c.kind(), c.sql(), c.rule(), c.touchesScratch());
            if (sql.length() <= MAX_CACHED_CHARS) {
                cache.put(sql, new DecisionCache.Entry(d, null, lookups.dependency()));
            }
            return d;
        } catch (PolicyException e) {
            // a refusal can depend on the catalog too (a write to a scratch table not created yet
            // becomes allowed later): it carries the lookups it made, like a decision
            if (sql.length() <= MAX_CACHED_CHARS) {
                cache.put(sql, new DecisionCache.Entry(null, e, lookups.dependency()));
            }
            throw e;
        }
    }

    @Override
    public PolicyDecision checkCall(String sql) throws PolicyException {
        if (config.mode() == PolicyMode.AUDIT) {
            return new PolicyDecision(StatementKind.OTHER, sql, "audit", false);
        }
        throw Refusals.forbidden("stored-procedure calls (CallableStatement, {call ...}) are refused in "
                + config.mode().name().toLowerCase().replace('_', '-') + " mode", "callable-statement");
    }

    /** Any unexpected failure inside the parsers or checks refuses the statement (fail closed). */
    private Checked decideFailClosed(String sql, CatalogLookups lookups) throws PolicyException {
        try {
            return decide(sql, lookups);
        } catch (StackOverflowError e) {
            throw Refusals.forbidden("statement nested too deeply to check", "statement-size");
        } catch (RuntimeException e) {
            throw new PolicyException("the policy could not check the statement (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ") [rule uncheckable]", PolicyException.INSUFFICIENT_PRIVILEGE,
                    "uncheckable", e);
        }
    }

    private Checked decide(String sql, CatalogLookups lookups) throws PolicyException {
        if (sql.length() > MAX_STATEMENT_CHARS) {
            throw Refusals.forbidden("statement of " + sql.length() + " characters is longer than "
                    + MAX_STATEMENT_CHARS, "statement-size");
        }
        if (sql.indexOf('\0') >= 0) {
            throw Refusals.forbidden("a NUL character in the statement is refused", "render-check");
        }
        String tx = StatementHead.transaction(sql);
        if (tx != null) {
            return new Checked(StatementKind.TRANSACTION, tx, "transaction-control", false, 0);
        }
        StatementHead.refuseDangerousHead(config.engine(), sql);
        StatementHead.refuseDuckDbSample(config.engine(), sql);

        CalciteChecker.Outcome outcome = calcite.check(sql, false, lookups);
        Checked checked;
        if (outcome instanceof CalciteChecker.Parsed p) {
            checked = p.checked();
        } else {
            if (outcome instanceof CalciteChecker.NotAQuery nq && !jsqlMayHandle(nq.kind())) {
                throw Refusals.forbidden(nq.kind() + " statements are refused: only queries, EXPLAIN of a query"
                        + " and writes to scratch objects may run", "statement-kind");
            }
            Statement st;
            try {
                st = jsql.parse(sql);
            } catch (PolicyException e) {
                if (!(outcome instanceof CalciteChecker.Unreadable u)
                        || !PolicyException.SYNTAX_ERROR.equals(e.getSQLState())) {
                    throw e;
                }
                // last resort: Calcite's Babel parser (PostgreSQL/T-SQL/DuckDB extras the core lacks)
                CalciteChecker.Outcome babel = calcite.check(sql, true, lookups);
                if (babel instanceof CalciteChecker.Parsed bp) {
                    checked = bp.checked();
                    return finish(checked);
                }
                throw Refusals.syntax(e.getMessage().replace(" [rule parse]", "") + "; Calcite: " + u.error(),
                        e.getCause());
            }
            checked = jsql.check(sql, st, lookups);
        }
        return finish(checked);
    }

    private Checked finish(Checked checked) throws PolicyException {
        int markers = RenderedSqlCheck.check(config.engine(), checked.sql(), checked.kind() != StatementKind.SCRATCH_WRITE);
        if (markers != checked.parameters()) {
            throw Refusals.forbidden("the re-rendered statement has " + markers + " ? markers, the parse tree "
                    + checked.parameters(), "render-check");
        }
        return checked;
    }

    private static final Set<SqlKind> JSQL_KINDS = Set.of(SqlKind.INSERT, SqlKind.UPDATE, SqlKind.DELETE,
            SqlKind.CREATE_TABLE, SqlKind.CREATE_VIEW, SqlKind.DROP_TABLE, SqlKind.DROP_VIEW, SqlKind.EXPLAIN,
            SqlKind.DESCRIBE_TABLE, SqlKind.EXPLICIT_TABLE, SqlKind.OTHER_DDL, SqlKind.CREATE_INDEX,
            SqlKind.DROP_INDEX);

    private static boolean jsqlMayHandle(SqlKind k) {
        return JSQL_KINDS.contains(k);
    }
}
