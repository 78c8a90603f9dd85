package dev.nlsql.nl;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyDecision;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.StatementKind;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.SchemaSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Top;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;
import net.sf.jsqlparser.util.deparser.ExpressionDeParser;
import net.sf.jsqlparser.util.deparser.SelectDeParser;
import net.sf.jsqlparser.util.deparser.StatementDeParser;

/**
 * Validates a model's candidate SQL before anything runs, and renders it for the target.
 *
 * <p>A candidate is valid when, in this order: it parses (JSqlParser, square-bracket quoting
 * allowed) as exactly one statement; that statement is a SELECT (plain, set operation or
 * {@code WITH}); it has no {@code ?} or named parameter markers of its own; every table it
 * reads is a table or view of the schema snapshot (or a CTE it defines), never a table
 * function; every column it names exists in a table it reads (or is a select-list alias or a column of a derived table); it
 * uses every expected placeholder and no other; in a single SELECT without subqueries, no
 * unqualified column is held by two of the tables read (it would be ambiguous at run time); the
 * policy accepts the rendered text as a read-only query.
 *
 * <p>Rendering: table and column names are rewritten to the snapshot's exact spelling, quoted
 * only where the engine needs it; the row limit is written as {@code TOP (n)} on SQL Server and
 * as {@code LIMIT n} elsewhere; on SQLite a date column compared with a {@code __DATE_n__}
 * placeholder is wrapped in {@code date(...)} (SQLite dates are text, often with a time part);
 * string concatenation is {@code +} on SQL Server; placeholders become {@code ?} markers (see
 * {@link PlaceholderBinder}). Thread-safe: each call parses afresh.
 */
public final class SqlValidator {

    private static final Set<String> PSEUDO_COLUMNS = Set.of("true", "false", "null", "current_date",
            "current_time", "current_timestamp", "localtime", "localtimestamp");

    private final SchemaCatalog catalog;
    private final Engine engine;
    private final StatementPolicy policy;

    /**
     * @param snapshot the schema the SQL must name objects of
     * @param engine target engine (rendering dialect)
     * @param policy the statement policy consulted last; null skips that step (tests of the
     *     name and placeholder rules only)
     */
    public SqlValidator(SchemaSnapshot snapshot, Engine engine, StatementPolicy policy) {
        this.catalog = new SchemaCatalog(snapshot);
        this.engine = engine == null ? Engine.GENERIC : engine;
        this.policy = policy;
    }

    /**
     * Validates and renders one candidate.
     *
     * @param candidateSql the model's SQL, with placeholders such as {@code __STR_1__}
     * @param expectedPlaceholders the placeholder names the question has (exact set required)
     * @return the rendered SQL and marker order, or the reason the candidate is refused
     */
    public SqlValidation validate(String candidateSql, Set<String> expectedPlaceholders) {
        if (candidateSql == null || candidateSql.isBlank()) {
            return SqlValidation.refused("empty candidate");
        }
        String text = stripFences(candidateSql.strip());
        Statement statement;
        try {
            Statements statements = CCJSqlParserUtil.newParser(text).withSquareBracketQuotation(true)
                    .withAllowComplexParsing(true).Statements();
            if (statements == null || statements.size() != 1) {
                return SqlValidation.refused("not exactly one statement ("
                        + (statements == null ? 0 : statements.size()) + ")");
            }
            statement = statements.get(0);
        } catch (Exception | Error e) {
            return SqlValidation.refused("does not parse: " + firstLine(e.getMessage()));
        }
        if (!(statement instanceof Select select)) {
            return SqlValidation.refused("not a SELECT: " + statement.getClass().getSimpleName());
        }
        NameCollector names = new NameCollector();
        try {
            names.getTables((Statement) select);
        } catch (RuntimeException e) {
            return SqlValidation.refused("cannot walk the statement: " + firstLine(e.getMessage()));
        }
        if (!names.tableFunctions.isEmpty()) {
            return SqlValidation.refused("reads a table function, not a table of the schema: " + names.tableFunctions.get(0));
        }
        if (names.jdbcParameters > 0) {
            return SqlValidation.refused("uses ? parameter markers; values must come from placeholders");
        }
        String nameProblem = resolveNames(names);
        if (nameProblem != null) {
            return SqlValidation.refused(nameProblem);
        }
        sqliteDateComparisons(names);
        String limitProblem = renderLimits(names.plainSelects, select);
        if (limitProblem != null) {
            return SqlValidation.refused(limitProblem);
        }
        String template = render(select);
        PlaceholderBinder.Bound bound = PlaceholderBinder.bind(template, engine);
        Set<String> expected = new TreeSet<>();
        for (String p : expectedPlaceholders) {
            expected.add(Placeholders.canonical(p));
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(bound.found());
        Set<String> invented = new TreeSet<>(bound.found());
        invented.removeAll(expected);
        if (!missing.isEmpty() || !invented.isEmpty()) {
            return SqlValidation.refused("placeholders not kept exactly: missing " + missing
                    + ", invented " + invented);
        }
        if (policy != null) {
            try {
                PolicyDecision decision = policy.check(bound.sql());
                if (decision.kind() != StatementKind.QUERY) {
                    return SqlValidation.refused("the policy does not classify it as a read-only query: "
                            + decision.kind() + " (" + decision.rule() + ")");
                }
            } catch (PolicyException e) {
                return SqlValidation.refused("refused by policy (" + e.getSQLState() + ", " + e.rule()
                        + "): " + firstLine(e.getMessage()));
            } catch (RuntimeException e) {
                return SqlValidation.refused("policy failed: " + firstLine(e.getMessage()));
            }
        }
        return SqlValidation.ok(bound.sql(), bound.order(), template);
    }

    /** Columns resolved to a date or time column of the schema (identity set, filled by resolveNames). */
    private static boolean isDateType(SchemaSnapshot.Column c) {
        String tn = c.typeName() == null ? "" : c.typeName().toUpperCase(Locale.ROOT);
        return tn.contains("DATE") || tn.contains("TIME") || c.jdbcType() == java.sql.Types.DATE
                || c.jdbcType() == java.sql.Types.TIMESTAMP;
    }

    private String resolveNames(NameCollector n) {
        Map<String, SchemaSnapshot.Table> byAlias = new HashMap<>();
        Set<String> derived = new HashSet<>(n.cteNames);
        derived.addAll(n.derivedAliases);
        List<SchemaSnapshot.Table> read = new ArrayList<>();
        for (Table t : n.tables) {
            String name = SqlNames.unquote(t.getName());
            String k = name.toLowerCase(Locale.ROOT);
            if (t.getSchemaName() == null && n.cteNames.contains(k)) {
                if (t.getAlias() != null) {
                    derived.add(SqlNames.key(t.getAlias().getName()));
                }
                continue;
            }
            SchemaSnapshot.Table st = catalog.table(name);
            if (st == null) {
                return "unknown table: " + t.getFullyQualifiedName();
            }
            if (t.getSchemaName() != null && st.schema() != null
                    && !SqlNames.key(t.getSchemaName()).equals(st.schema().toLowerCase(Locale.ROOT))) {
                return "unknown table: " + t.getFullyQualifiedName();
            }
            read.add(st);
            byAlias.put(st.name().toLowerCase(Locale.ROOT), st);
            Alias alias = t.getAlias();
            if (alias != null) {
                byAlias.put(SqlNames.key(alias.getName()), st);
            }
            t.setSchemaName(SqlNames.schemaQualifier(st.schema(), engine));
            t.setName(SqlNames.render(st.name(), engine));
        }
        for (Column c : n.columns) {
            String col = SqlNames.unquote(c.getColumnName());
            if (Placeholders.isPlaceholder(col)) {
                if (c.getTable() != null && c.getTable().getName() != null) {
                    return "placeholder used as a qualified name: " + c;
                }
                c.setColumnName(Placeholders.canonical(col));
                continue;
            }
            String ck = col.toLowerCase(Locale.ROOT);
            Table q = c.getTable();
            if (q != null && q.getName() != null) {
                String qk = SqlNames.key(q.getName());
                SchemaSnapshot.Table st = byAlias.get(qk);
                if (st != null) {
                    String exact = catalog.column(st, col);
                    if (exact == null) {
                        return "unknown column: " + c + " (table " + st.name() + " has no " + col + ")";
                    }
                    markDate(n, c, st, exact);
                    c.setColumnName(SqlNames.render(exact, engine));
                    if (qk.equals(st.name().toLowerCase(Locale.ROOT))) {
                        q.setSchemaName(SqlNames.schemaQualifier(st.schema(), engine));
                        q.setName(SqlNames.render(st.name(), engine));
                    }
                } else if (derived.contains(qk)) {
                    if (!catalog.anyColumn(col) && !n.selectAliases.contains(ck)) {
                        return "unknown column: " + c;
                    }
                } else {
                    return "unknown table or alias: " + q.getName() + " (in " + c + ")";
                }
                continue;
            }
            String exact = null;
            SchemaSnapshot.Table holder = null;
            int holders = 0;
            for (SchemaSnapshot.Table st : read) {
                String e = catalog.column(st, col);
                if (e != null) {
                    if (exact == null) {
                        exact = e;
                        holder = st;
                    }
                    holders++;
                }
            }
            if (holder != null) {
                markDate(n, c, holder, exact);
            }
            if (holders > 1 && singleScope(n) && !n.selectAliases.contains(ck)) {
                return "ambiguous column: " + col + " is in more than one table read; qualify it";
            }
            if (exact != null) {
                c.setColumnName(SqlNames.render(exact, engine));
            } else if (n.selectAliases.contains(ck) || PSEUDO_COLUMNS.contains(ck)
                    || (!derived.isEmpty() && catalog.anyColumn(col))) {
                // an alias, a keyword the parser reads as a name, or a column of a derived table
            } else {
                return "unknown column: " + col;
            }
        }
        return null;
    }

    private static void markDate(NameCollector n, Column c, SchemaSnapshot.Table t, String exact) {
        for (SchemaSnapshot.Column sc : t.columns()) {
            if (sc.name().equals(exact) && isDateType(sc)) {
                n.dateColumns.put(c, Boolean.TRUE);
            }
        }
    }

    /**
     * SQLite keeps dates as text, often with a time ({@code 2021-01-01 00:00:00}), so comparing
     * such a column with a bound date ({@code 2021-01-01}) compares strings of different length:
     * wraps the column in {@code date(...)} wherever a date column is compared with a
     * {@code __DATE_n__} placeholder ({@code =, <>, <, <=, >, >=, BETWEEN}).
     */
    private void sqliteDateComparisons(NameCollector n) {
        if (engine != Engine.SQLITE) {
            return;
        }
        for (BinaryExpression b : n.comparisons) {
            if (n.dateColumns.containsKey(b.getLeftExpression()) && isDatePlaceholder(b.getRightExpression())) {
                b.setLeftExpression(new Function("date", b.getLeftExpression()));
            } else if (n.dateColumns.containsKey(b.getRightExpression()) && isDatePlaceholder(b.getLeftExpression())) {
                b.setRightExpression(new Function("date", b.getRightExpression()));
            }
        }
        for (Between b : n.betweens) {
            if (n.dateColumns.containsKey(b.getLeftExpression())
                    && (isDatePlaceholder(b.getBetweenExpressionStart()) || isDatePlaceholder(b.getBetweenExpressionEnd()))) {
                b.setLeftExpression(new Function("date", b.getLeftExpression()));
            }
        }
    }

    private static boolean isDatePlaceholder(Expression e) {
        String text = e instanceof Column c ? SqlNames.unquote(c.getColumnName())
                : e instanceof StringValue sv ? sv.getValue() : null;
        return text != null && Placeholders.isPlaceholder(text) && text.toUpperCase(Locale.ROOT).startsWith("__DATE_");
    }

    /** One SELECT without subqueries, CTEs, USING or NATURAL joins: every unqualified name has one scope. */
    private static boolean singleScope(NameCollector n) {
        if (n.plainSelects.size() != 1 || !n.cteNames.isEmpty() || !n.derivedAliases.isEmpty()) {
            return false;
        }
        List<Join> joins = n.plainSelects.get(0).getJoins();
        if (joins != null) {
            for (Join j : joins) {
                if (j.isNatural() || (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes row limits in the target's form; returns a reason when that is impossible. */
    private String renderLimits(List<PlainSelect> selects, Select root) {
        if (engine == Engine.SQLSERVER) {
            if (!(root instanceof PlainSelect) && root.getLimit() != null) {
                return "cannot render LIMIT on a set operation for SQL Server";
            }
            for (PlainSelect ps : selects) {
                Limit limit = ps.getLimit();
                if (limit == null) {
                    continue;
                }
                if (limit.getOffset() != null || ps.getOffset() != null || limit.getRowCount() == null) {
                    return "cannot render LIMIT with OFFSET for SQL Server";
                }
                if (ps.getTop() != null) {
                    return "both TOP and LIMIT";
                }
                Top top = new Top();
                top.setExpression(limit.getRowCount());
                top.setParenthesis(true);
                ps.setTop(top);
                ps.setLimit(null);
            }
        } else {
            for (PlainSelect ps : selects) {
                Top top = ps.getTop();
                if (top == null) {
                    continue;
                }
                if (top.isPercentage() || top.isWithTies() || ps.getLimit() != null) {
                    return "cannot render TOP " + top + " as LIMIT";
                }
                ps.setTop(null);
                ps.setLimit(new Limit().withRowCount(top.getExpression()));
            }
        }
        return null;
    }

    /** Deparses the checked tree; on SQL Server, string concatenation {@code ||} is written {@code +}. */
    private String render(Select select) {
        if (engine != Engine.SQLSERVER) {
            return select.toString();
        }
        StringBuilder buffer = new StringBuilder();
        ExpressionDeParser expressions = new ExpressionDeParser() {
            @Override
            public <S> StringBuilder visit(Concat concat, S context) {
                deparse(concat, " + ", context);
                return buffer;
            }
        };
        SelectDeParser selects = new SelectDeParser(expressions, buffer);
        expressions.setSelectVisitor(selects);
        expressions.setBuilder(buffer);
        select.accept(new StatementDeParser(expressions, selects, buffer));
        return buffer.toString();
    }

    private static String stripFences(String s) {
        String t = s;
        if (t.startsWith("```")) {
            int nl = t.indexOf('\n');
            t = nl < 0 ? "" : t.substring(nl + 1);
            int end = t.lastIndexOf("```");
            if (end >= 0) {
                t = t.substring(0, end);
            }
        }
        t = t.strip();
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Walks the whole statement and remembers the nodes validation looks at. */
    private static final class NameCollector extends TablesNamesFinder<Void> {
        final List<Table> tables = new ArrayList<>();
        final List<Column> columns = new ArrayList<>();
        final List<PlainSelect> plainSelects = new ArrayList<>();
        final Set<String> cteNames = new HashSet<>();
        final Set<String> derivedAliases = new HashSet<>();
        final Set<String> selectAliases = new HashSet<>();
        int jdbcParameters;

        @Override
        public <S> Void visit(Table table, S context) {
            tables.add(table);
            return super.visit(table, context);
        }

        @Override
        public <S> Void visit(Column column, S context) {
            columns.add(column);
            return null;
        }

        @Override
        public <S> Void visit(WithItem<?> withItem, S context) {
            if (withItem.getAlias() != null) {
                cteNames.add(SqlNames.key(withItem.getAlias().getName()));
            }
            return super.visit(withItem, context);
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            if (select.getAlias() != null) {
                derivedAliases.add(SqlNames.key(select.getAlias().getName()));
            }
            if (select.getWithItemsList() != null) {
                for (WithItem<?> w : select.getWithItemsList()) {
                    cteNames.add(SqlNames.key(w.getAlias().getName()));
                }
            }
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            plainSelects.add(select);
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getAlias() != null) {
                    selectAliases.add(SqlNames.key(item.getAlias().getName()));
                }
            }
            if (select.getWithItemsList() != null) {
                for (WithItem<?> w : select.getWithItemsList()) {
                    cteNames.add(SqlNames.key(w.getAlias().getName()));
                }
            }
            return super.visit(select, context);
        }

        final List<BinaryExpression> comparisons = new ArrayList<>();
        final Map<Column, Boolean> dateColumns = new java.util.IdentityHashMap<>();
        final List<Between> betweens = new ArrayList<>();

        @Override
        public <S> Void visit(EqualsTo e, S context) {
            comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(NotEqualsTo e, S context) {
            comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(GreaterThan e, S context) {
            comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(GreaterThanEquals e, S context) {
            comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(MinorThan e, S context) {
            comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(MinorThanEquals e, S context) {
            comparisons.add(e);
            return super.visit(e, context);
        }

        @Override
        public <S> Void visit(Between e, S context) {
            betweens.add(e);
            return super.visit(e, context);
        }

        final List<String> tableFunctions = new ArrayList<>();

        @Override
        public <S> Void visit(TableFunction function, S context) {
            tableFunctions.add(String.valueOf(function));
            return null;
        }

        @Override
        public <S> Void visit(JdbcParameter parameter, S context) {
            jdbcParameters++;
            return null;
        }

        @Override
        public <S> Void visit(JdbcNamedParameter parameter, S context) {
            jdbcParameters++;
            return null;
        }

        @Override
        public <S> Void visit(StringValue value, S context) {
            return null;
        }
    }
}
