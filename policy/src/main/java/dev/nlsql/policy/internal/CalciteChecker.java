package dev.nlsql.policy.internal;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyConfig;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.StatementKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The Calcite 1.42 side, the authority on the hot path: parses with the core parser (LENIENT
 * conformance) and, where that fails, the Babel parser; requires exactly one statement; checks a
 * query's tree (every function call against the allow-list, table functions, sequences,
 * four-part names) and re-renders it with the engine's {@link SqlDialect}
 * ({@link Dialects}). Statements that are not queries are handed to {@link JSqlChecker}, which
 * requires exactly one statement too.
 */
public final class CalciteChecker {

    /** Query kinds Calcite checks and renders itself. */
    private static final Set<SqlKind> QUERY_KINDS = EnumSet.of(SqlKind.SELECT, SqlKind.UNION,
            SqlKind.INTERSECT, SqlKind.EXCEPT, SqlKind.VALUES, SqlKind.WITH, SqlKind.ORDER_BY);

    /** Outcome of the Calcite attempt. */
    public sealed interface Outcome permits Parsed, NotAQuery, Unreadable {}

    /** A query Calcite read, checked and rendered. */
    public record Parsed(Checked checked) implements Outcome {}

    /** Calcite read exactly one statement, but not a query it renders: JSqlParser takes over. */
    public record NotAQuery(SqlKind kind) implements Outcome {}

    /** Calcite cannot read the statement. */
    public record Unreadable(String error) implements Outcome {}

    private final PolicyConfig config;
    private final FunctionRules functions;
    private final SqlParser.Config core;
    private final SqlParser.Config babel;
    private final SqlDialect dialect;
    private final SqlWriterConfig writer;

    public CalciteChecker(PolicyConfig config, FunctionRules functions) {
        this.config = config;
        this.functions = functions;
        Quoting quoting = config.engine() == Engine.SQLSERVER ? Quoting.BRACKET : Quoting.DOUBLE_QUOTE;
        this.core = SqlParser.config().withConformance(SqlConformanceEnum.LENIENT).withQuoting(quoting)
                .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(false).withIdentifierMaxLength(1024);
        this.babel = core.withParserFactory(SqlBabelParserImpl.FACTORY).withConformance(SqlConformanceEnum.BABEL);
        this.dialect = Dialects.forEngine(config.engine());
        this.writer = SqlPrettyWriter.config().withDialect(dialect).withQuoteAllIdentifiers(false)
                .withAlwaysUseParentheses(false).withSelectListItemsOnSeparateLines(false)
                .withIndentation(0).withClauseStartsLine(false).withClauseEndsLine(false);
    }

    /**
     * Tries Calcite.
     *
     * @throws PolicyException 42501 rule {@code one-statement} when Calcite reads more than one
     *     statement, or any refusal found in a query's tree
     */
    public Outcome check(String sql, CatalogLookups catalog) throws PolicyException {
        return check(sql, false, catalog);
    }

    /**
     * Tries one Calcite parser: the core parser, or (with {@code useBabel}) the Babel parser,
     * which {@link dev.nlsql.policy.SqlPolicy} tries last, only for text JSqlParser cannot read
     * either (a failed parse costs milliseconds in Calcite, so it is not tried on every miss).
     */
    public Outcome check(String sql, boolean useBabel, CatalogLookups catalog) throws PolicyException {
        if (!useBabel && !worthTrying(sql)) {
            return new Unreadable("not core Calcite syntax");
        }
        if (hasGluedNumber(sql)) {
            return new Unreadable("a number glued to a name (0x1F, 1_000): Calcite would read it as an alias");
        }
        SqlNodeList list;
        try {
            list = useBabel ? SqlParser.create(sql, babel).parseStmtList() : ReusableParser.parseOnce(sql, core);
        } catch (SqlParseException | RuntimeException e) {
            return new Unreadable(firstLine(e));
        } catch (StackOverflowError so) {
            return new Unreadable("statement nested too deeply");
        }
        if (list.size() != 1) {
            throw Refusals.forbidden("exactly one statement is allowed; Calcite reads " + list.size(), "one-statement");
        }
        SqlNode stmt = list.get(0);
        if (!QUERY_KINDS.contains(stmt.getKind())) {
            return new NotAQuery(stmt.getKind());
        }
        Visitor v = new Visitor(catalog);
        try {
            stmt.accept(v);
        } catch (PolicyViolation pv) {
            throw pv.refusal;
        }
        String rendered;
        try {
            if (config.engine() == Engine.SQLITE) {
                ColumnLabels.keepSourceLabels(stmt, sql, writer);
            }
            rendered = stmt.toSqlString(c -> writer).getSql();
        } catch (RuntimeException e) {
            // a construct the dialect cannot render: let JSqlParser try
            return new Unreadable("Calcite cannot render it for " + config.engine().id() + ": " + firstLine(e));
        }
        return new Parsed(new Checked(StatementKind.QUERY, rendered, "read-only-query", v.touchesScratch,
                v.parameters));
    }

    /**
     * Statements Calcite checks and renders itself. Others that Calcite could parse (INSERT,
     * UPDATE, DELETE, EXPLAIN, DESCRIBE, {@code TABLE t}) are only ever checked and rendered from
     * JSqlParser's tree, so parsing them with Calcite first would only cost a second parse
     * (about 25 µs): they go to JSqlParser directly, which also requires exactly one statement.
     */
    private static final Set<String> CALCITE_HEADS = Set.of("SELECT", "WITH", "VALUES");

    /**
     * A cheap performance filter, not a safety check: a failed Calcite parse costs milliseconds
     * (JavaCC builds the expected-token list), so text that the core parser cannot read anyway
     * (it does not start with a query keyword, or holds {@code #}, {@code `}, {@code ::},
     * {@code $}, {@code @}, {@code {}) goes straight to JSqlParser, and so do statements only
     * JSqlParser's side renders ({@link #CALCITE_HEADS}). Both paths are checked alike.
     */
    static boolean worthTrying(String sql) {
        String head = StatementHead.firstWords(sql, 1)[0];
        if (head == null || !CALCITE_HEADS.contains(head)) {
            return false;
        }
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '#' || c == '`' || c == '$' || c == '@' || c == '{'
                    || (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':')) {
                return false;
            }
            // E'...' and U&'...': Calcite decodes escapes differently from PostgreSQL for unknown
            // ones; JSqlParser keeps the literal as written and the render check guards it
            if (c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == '&')
                    && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) || sql.charAt(i - 1) == '&')) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a numeric literal is directly followed by a letter or underscore other than an
     * exponent ({@code 0x1F}, {@code 1_000}): Calcite reads {@code 0x1F} as {@code 0 AS x1F}, the
     * engines as one number, so such text goes to JSqlParser.
     */
    static boolean hasGluedNumber(String sql) {
        int n = sql.length();
        char quote = 0;
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                continue;
            }
            if (c >= '0' && c <= '9' && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                int j = i;
                while (j < n && (Character.isDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                if (j < n && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < n && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
                        k++;
                    }
                    if (k < n && Character.isDigit(sql.charAt(k))) {
                        while (k < n && Character.isDigit(sql.charAt(k))) {
                            k++;
                        }
                        j = k;
                    }
                }
                if (j < n && isWordChar(sql.charAt(j))) {
                    return true;
                }
                i = j - 1;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private final class Visitor extends SqlBasicVisitor<Void> {
        private final CatalogLookups catalog;
        boolean touchesScratch;
        int parameters;

        Visitor(CatalogLookups catalog) {
            this.catalog = catalog;
        }

        private void refuse(PolicyException e) {
            throw new PolicyViolation(e);
        }

        @Override
        public Void visit(org.apache.calcite.sql.SqlDynamicParam param) {
            parameters++;
            return null;
        }

        @Override
        public Void visit(SqlIdentifier id) {
            if (id.names.size() > 3) {
                refuse(Refusals.forbidden("four-part / linked-server names (" + id + ") are refused", "linked-server"));
            }
            return null;
        }

        @Override
        public Void visit(SqlCall call) {
            SqlKind kind = call.getKind();
            SqlOperator op = call.getOperator();
            switch (kind) {
                case TABLESAMPLE -> {
                    if (config.engine() == Engine.DUCKDB) {
                        refuse(Refusals.duckDbSample());
                    }
                }
                case NEXT_VALUE, CURRENT_VALUE -> refuse(Refusals.forbidden(
                        "NEXT VALUE FOR / sequences are refused: they change state", "no-sequences"));
                case INSERT, UPDATE, DELETE, MERGE -> refuse(Refusals.readOnly(
                        "a data-changing statement nested in a query is refused", "writable-cte"));
                case COLLECTION_TABLE -> {
                    SqlNode inner = call.operand(0);
                    if (inner instanceof SqlCall fn) {
                        try {
                            functions.checkTableFunction(functionName(fn));
                        } catch (PolicyException e) {
                            refuse(e);
                        }
                        for (SqlNode arg : fn.getOperandList()) {
                            if (arg != null) {
                                arg.accept(this);
                            }
                        }
                        return null;
                    }
                    refuse(Refusals.forbidden("TABLE(...) of a non-function is refused", "uncheckable"));
                }
                case SELECT -> fromTables(((SqlSelect) call).getFrom());
                default -> {
                    if (op instanceof SqlFunction) {
                        try {
                            functions.checkFunction(functionName(call));
                        } catch (PolicyException e) {
                            refuse(e);
                        }
                        if (op instanceof SqlUnresolvedFunction uf && uf.getSqlIdentifier() != null
                                && uf.getSqlIdentifier().names.size() > 2) {
                            refuse(Refusals.forbidden("function name " + uf.getSqlIdentifier() + " has too many parts",
                                    "function-name"));
                        }
                    }
                }
            }
            for (SqlNode operand : call.getOperandList()) {
                if (operand != null) {
                    operand.accept(this);
                }
            }
            return null;
        }

        private String functionName(SqlCall fn) {
            SqlOperator op = fn.getOperator();
            if (op instanceof SqlUnresolvedFunction uf && uf.getSqlIdentifier() != null) {
                List<String> names = uf.getSqlIdentifier().names;
                return names.get(names.size() - 1);
            }
            return op.getName();
        }

        private void fromTables(SqlNode from) {
            if (from == null) {
                return;
            }
            if (from instanceof SqlIdentifier id) {
                table(id);
            } else if (from instanceof SqlJoin j) {
                fromTables(j.getLeft());
                fromTables(j.getRight());
            } else if (from instanceof SqlBasicCall c && c.getKind() == SqlKind.AS) {
                fromTables(c.operand(0));
            }
        }

        private void table(SqlIdentifier id) {
            List<String> names = id.names;
            String name = names.get(names.size() - 1);
            if (config.engine() == Engine.DUCKDB && name.matches(".*[./\\\\:*?].*")) {
                refuse(Refusals.forbidden("table name '" + name + "' looks like a file or URL (DuckDB replacement scan)",
                        "duckdb.replacement-scan"));
            }
            if (names.size() >= 2 && names.get(names.size() - 2).equalsIgnoreCase(config.scratchSchema())) {
                touchesScratch = true;
            } else if (names.size() == 1) {
                if (catalog.contains(name)) {
                    touchesScratch = true;
                }
            }
        }
    }
}
