package dev.nlsql.policy.internal;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyConfig;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.PolicyMode;
import dev.nlsql.policy.StatementKind;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.piped.FromQuery;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.piped.TableSamplePipeOperator;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SampleClause;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The JSqlParser 5.4 side: parses with {@code Statements()} called directly on the calling thread
 * (no executor: first without, then with complex parsing, as {@code parseStatements} does),
 * requires exactly one statement, checks the whole tree and re-renders it with JSqlParser's
 * deparser. Used for syntax Calcite lacks (SQLite/DuckDB/PostgreSQL extras, T-SQL {@code TOP})
 * and for every DDL/DML statement, whose targets must be scratch objects.
 */
public final class JSqlChecker {

    /** Deepest bracket nesting JSqlParser's complex (backtracking) mode is tried on. */
    private static final int COMPLEX_PARSING_MAX_NESTING = 10;

    private final PolicyConfig config;
    private final FunctionRules functions;

    public JSqlChecker(PolicyConfig config, FunctionRules functions) {
        this.config = config;
        this.functions = functions;
    }

    /**
     * Parses one statement.
     *
     * @throws PolicyException 42000 with the parse error when JSqlParser cannot read it, 42501
     *     (rule {@code one-statement}) when it reads more than one
     */
    public Statement parse(String sql) throws PolicyException {
        Statements stmts;
        boolean brackets = config.engine() == Engine.SQLITE || config.engine() == Engine.SQLSERVER;
        try {
            CCJSqlParser p = CCJSqlParserUtil.newParser(sql).withSquareBracketQuotation(brackets)
                    .withAllowComplexParsing(false);
            stmts = p.Statements();
        } catch (Exception | StackOverflowError first) {
            if (CCJSqlParserUtil.getNestingDepth(sql) > COMPLEX_PARSING_MAX_NESTING) {
                throw Refusals.syntax("neither Calcite nor JSqlParser can read the statement: "
                        + firstLine(first), first);
            }
            try {
                CCJSqlParser p = CCJSqlParserUtil.newParser(sql).withSquareBracketQuotation(brackets)
                        .withAllowComplexParsing(true);
                stmts = p.Statements();
            } catch (Exception | Error second) {
                if (second instanceof VirtualMachineError vme && !(second instanceof StackOverflowError)) {
                    throw vme;
                }
                throw Refusals.syntax("neither Calcite nor JSqlParser can read the statement: "
                        + firstLine(second), second);
            }
        }
        if (stmts == null || stmts.size() != 1) {
            int n = stmts == null ? 0 : stmts.size();
            throw Refusals.forbidden("exactly one statement is allowed; JSqlParser reads " + n, "one-statement");
        }
        return stmts.get(0);
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Checks a parsed statement and re-renders it.
     *
     * @throws PolicyException 42501 or 25006 when refused
     */
    public Checked check(Statement st, CatalogLookups catalog) throws PolicyException {
        return check(null, st, catalog);
    }

    /**
     * Checks a parsed statement and re-renders it; with the statement's text, SQLite queries keep
     * their column labels ({@link ColumnLabels}).
     *
     * @param sql the text {@code st} was parsed from, or null
     * @throws PolicyException 42501 or 25006 when refused
     */
    public Checked check(String sql, Statement st, CatalogLookups catalog) throws PolicyException {
        Finder finder = new Finder(catalog);
        WriteTargets targets = new WriteTargets(config, catalog);
        try {
            if (st instanceof Select select) {
                finder.checkSelect(select);
                if (sql != null && config.engine() == Engine.SQLITE) {
                    ColumnLabels.keepSourceLabels(select, sql);
                }
                return done(StatementKind.QUERY, st, "read-only-query", finder, targets);
            }
            if (st instanceof TableStatement ts) {
                finder.visit(ts.getTable(), null);
                return done(StatementKind.QUERY, st, "read-only-query", finder, targets);
            }
            if (st instanceof ExplainStatement ex) {
                if (!(ex.getStatement() instanceof Select inner)) {
                    throw Refusals.forbidden("EXPLAIN of anything but a query is refused", "explain-query-only");
                }
                finder.checkSelect(inner);
                return done(StatementKind.QUERY, st, "read-only-query", finder, targets);
            }
            if (st instanceof DescribeStatement d) {
                finder.visit(d.getTable(), null);
                return done(StatementKind.QUERY, st, "read-only-metadata", finder, targets);
            }
            if (isWrite(st)) {
                if (config.mode() == PolicyMode.STRICT) {
                    throw Refusals.readOnly(statementName(st) + " is refused: strict mode allows no writes,"
                            + " not even to scratch (nlsql.policy.mode=read-only allows scratch writes)",
                            "strict-read-only");
                }
                routeWrite(st, finder, targets);
                return done(StatementKind.SCRATCH_WRITE, st, "scratch-write", finder, targets);
            }
            throw Refusals.forbidden(statementName(st) + " statements are refused: only queries, EXPLAIN of"
                    + " a query and writes to scratch objects may run", "statement-kind");
        } catch (PolicyViolation v) {
            throw v.refusal;
        } catch (UnsupportedOperationException | ClassCastException | NullPointerException e) {
            throw Refusals.forbidden(statementName(st) + " contains a construct the policy cannot check ("
                    + e.getMessage() + ")", "uncheckable");
        }
    }

    private Checked done(StatementKind kind, Statement st, String rule, Finder f, WriteTargets t) {
        boolean scratch = f.touchesScratch || kind == StatementKind.SCRATCH_WRITE;
        return new Checked(kind, st.toString(), rule, scratch, f.parameters);
    }

    private static boolean isWrite(Statement st) {
        return st instanceof Insert || st instanceof Update || st instanceof Delete || st instanceof CreateTable
                || st instanceof CreateView || st instanceof Drop || st instanceof Truncate || st instanceof CreateIndex;
    }

    static String statementName(Statement st) {
        String n = st.getClass().getSimpleName();
        return switch (n) {
            case "SetStatement" -> "SET";
            case "Execute" -> "EXECUTE/CALL";
            case "Merge" -> "MERGE";
            case "Alter" -> "ALTER";
            case "Grant" -> "GRANT";
            case "CreateIndex" -> "CREATE INDEX";
            case "CreateSequence" -> "CREATE SEQUENCE";
            case "CreateFunction", "CreateFunctionalStatement", "CreateProcedure" -> "CREATE FUNCTION/PROCEDURE";
            case "Upsert" -> "UPSERT/REPLACE";
            default -> n.replaceAll("([a-z])([A-Z])", "$1 $2").replace(" Statement", "").toUpperCase(Locale.ROOT);
        };
    }

    private void routeWrite(Statement st, Finder f, WriteTargets t) throws PolicyException {
        if (st instanceof Insert ins) {
            target(ins.getTable(), "INSERT", false, t);
            if (ins.getSelect() != null) {
                f.checkSelect(ins.getSelect());
            }
            // RETURNING, ON CONFLICT and the rest are visited with the whole statement
            f.walk(ins);
        } else if (st instanceof Update up) {
            target(up.getTable(), "UPDATE", false, t);
            f.walk(up);
        } else if (st instanceof Delete del) {
            if (del.getTables() != null && !del.getTables().isEmpty()) {
                throw Refusals.forbidden("multi-table DELETE is refused", "delete-single-table");
            }
            target(del.getTable(), "DELETE", false, t);
            f.walk(del);
        } else if (st instanceof Truncate tr) {
            target(tr.getTable(), "TRUNCATE", false, t);
        } else if (st instanceof Drop drop) {
            String type = String.valueOf(drop.getType()).toUpperCase(Locale.ROOT);
            if (!type.equals("TABLE") && !type.equals("VIEW") && !type.equals("INDEX")) {
                throw Refusals.forbidden("DROP " + type + " is refused: only scratch tables, views and indexes may"
                        + " be dropped", "drop-kind");
            }
            if (drop.getParameters() != null && !drop.getParameters().isEmpty()) {
                throw Refusals.forbidden("DROP options " + drop.getParameters() + " are refused", "drop-options");
            }
            if (type.equals("INDEX")) {
                new ScratchDdl(config, f.catalog, f::walk).dropIndex(drop);
                return;
            }
            List<Table> names = drop.getNames() != null && !drop.getNames().isEmpty()
                    ? drop.getNames() : List.of(drop.getName());
            for (Table tb : names) {
                target(tb, "DROP " + type, false, t);
            }
        } else if (st instanceof CreateTable ct) {
            if (ct.getCreateOptionsStrings() != null && !ct.getCreateOptionsStrings().isEmpty()) {
                throw Refusals.forbidden("CREATE " + String.join(" ", ct.getCreateOptionsStrings())
                        + " TABLE is refused: create plain scratch tables", "create-table-options");
            }
            if ((ct.getTableOptionsStrings() != null && !ct.getTableOptionsStrings().isEmpty())
                    || ct.getPartitioning() != null || ct.getPartitionOf() != null || ct.getOfType() != null) {
                throw Refusals.forbidden("table options " + ct.getTableOptionsStrings() + " are refused",
                        "create-table-options");
            }
            new ScratchDdl(config, f.catalog, f::walk).checkColumnsAndConstraints(ct);
            target(ct.getTable(), "CREATE TABLE", true, t);
            if (ct.getLikeTable() != null) {
                f.visit(ct.getLikeTable(), null);
            }
            if (ct.getSelect() != null) {
                f.checkSelect(ct.getSelect());
            }
        } else if (st instanceof CreateIndex ci) {
            new ScratchDdl(config, f.catalog, f::walk).createIndex(ci);
        } else if (st instanceof CreateView cv) {
            if (cv.getTemporary() != null && !"NONE".equals(String.valueOf(cv.getTemporary()))) {
                throw Refusals.forbidden("temporary views are refused: create plain scratch views", "create-view-options");
            }
            target(cv.getView(), "CREATE VIEW", true, t);
            f.checkSelect(cv.getSelect());
        }
    }

    private void target(Table table, String verb, boolean creates, WriteTargets t) throws PolicyException {
        if (table == null) {
            throw Refusals.forbidden(verb + " without a table is refused", "write-target");
        }
        String schema = table.getUnquotedSchemaName();
        String db = table.getUnquotedDatabaseName();
        String name = table.getUnquotedName();
        String renderSchema = t.resolve(db, schema, name, verb, creates);
        if (schema == null || schema.isEmpty()) {
            table.setSchemaName(renderSchema);
        }
    }

    /**
     * Walks every node of the JSqlParser tree by reflection (see {@link AstWalker}), so that a
     * construct is checked wherever it appears, whether or not a JSqlParser visitor reaches it.
     */
    private final class Finder {

        private final CatalogLookups catalog;
        boolean touchesScratch;
        int parameters;
        private final Set<Object> tableFunctions = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Markers counted once each: the reflective walk can reach a node twice (INSERT's values). */
        private final Set<Object> markers = Collections.newSetFromMap(new IdentityHashMap<>());

        Finder(CatalogLookups catalog) {
            this.catalog = catalog;
        }

        void checkSelect(Statement select) {
            walk(select);
        }

        void walk(Object root) {
            AstWalker.walk(root, this::node);
        }

        private void refuse(PolicyException e) {
            throw new PolicyViolation(e);
        }

        private void node(Object n) {
            if (n instanceof Select s) {
                checkSelectLevel(s);
                if (s instanceof PlainSelect ps) {
                    checkPlainSelect(ps);
                }
            } else if (n instanceof WithItem<?> w) {
                checkWithItem(w);
            } else if (n instanceof Table t) {
                checkTable(t);
            } else if ((n instanceof SampleClause || n instanceof TableSamplePipeOperator)
                    && config.engine() == Engine.DUCKDB) {
                refuse(Refusals.duckDbSample());
            } else if (n instanceof TableFunction tf) {
                try {
                    functions.checkTableFunction(tf.getFunction().getName());
                } catch (PolicyException e) {
                    refuse(e);
                }
                tableFunctions.add(tf.getFunction());
            } else if (n instanceof Function f) {
                if (!tableFunctions.contains(f)) {
                    try {
                        functions.checkFunction(f.getName());
                    } catch (PolicyException e) {
                        refuse(e);
                    }
                    List<String> parts = f.getMultipartName();
                    if (parts != null && parts.size() > 2) {
                        refuse(Refusals.forbidden("function name " + f.getName() + " has too many parts",
                                "function-name"));
                    }
                }
            } else if (n instanceof AnalyticExpression a) {
                try {
                    functions.checkFunction(a.getName());
                } catch (PolicyException e) {
                    refuse(e);
                }
            } else if (n instanceof NextValExpression) {
                refuse(Refusals.forbidden("NEXT VALUE FOR / sequences are refused: they change state", "no-sequences"));
            } else if (n instanceof JdbcNamedParameter p) {
                refuse(Refusals.forbidden("named parameter :" + p.getName()
                        + " is refused: only ? markers are allowed", "parameter-markers"));
            } else if (n instanceof JdbcParameter p) {
                if (p.isUseFixedIndex() || !"?".equals(p.getParameterCharacter())) {
                    refuse(Refusals.forbidden("parameter " + p + " is refused: only ? markers are allowed",
                            "parameter-markers"));
                }
                if (markers.add(p)) {
                    parameters++;
                }
            } else if (n instanceof UserVariable v) {
                refuse(Refusals.forbidden("variable " + v + " is refused", "no-variables"));
            } else if (n instanceof Statement st && !(n instanceof Select) && !isWrite(st)
                    && !(n instanceof ExplainStatement) && !(n instanceof DescribeStatement)
                    && !(n instanceof TableStatement)) {
                refuse(Refusals.forbidden(statementName(st) + " inside a statement is refused", "statement-kind"));
            } else if (n instanceof net.sf.jsqlparser.statement.insert.ParenthesedInsert
                    || n instanceof net.sf.jsqlparser.statement.update.ParenthesedUpdate
                    || n instanceof net.sf.jsqlparser.statement.delete.ParenthesedDelete) {
                refuse(Refusals.readOnly("a data-changing statement nested in a query is refused", "writable-cte"));
            }
        }

        private void checkSelectLevel(Select s) {
            if (s.getForMode() != null || s.getForUpdateTable() != null
                    || (s.getForUpdateTables() != null && !s.getForUpdateTables().isEmpty())
                    || s.getForUpdate() != null || s.getWait() != null) {
                refuse(Refusals.forbidden("FOR UPDATE / FOR SHARE row locks are refused", "no-locks"));
            }
            if (s.getIsolation() != null) {
                refuse(Refusals.forbidden("isolation clauses are refused", "no-locks"));
            }
        }

        private void checkPlainSelect(PlainSelect ps) {
            if ((ps.getIntoTables() != null && !ps.getIntoTables().isEmpty()) || ps.getIntoTempTable() != null
                    || ps.getMySqlSelectIntoClause() != null) {
                refuse(Refusals.readOnly("SELECT ... INTO is refused: it creates a table. Use CREATE TABLE "
                        + config.scratchSchema() + ".name AS SELECT ...", "select-into"));
            }
        }

        private void checkWithItem(WithItem<?> w) {
            Object inner = w.getStatement();
            if (!(inner instanceof ParenthesedSelect)) {
                refuse(Refusals.readOnly("a writable CTE (WITH x AS (INSERT/UPDATE/DELETE ...)) is refused",
                        "writable-cte"));
            }
            if (w.getWithFunctionDeclaration() != null) {
                refuse(Refusals.forbidden("WITH FUNCTION is refused", "with-function"));
            }
        }

        void visit(Table t, Object ignored) {
            walk(t);
        }

        private void checkTable(Table t) {
            String name = t.getName();
            if (name != null && (name.startsWith("'") || name.startsWith("$"))) {
                refuse(Refusals.forbidden("a string used as a table (" + name + ") is refused: it reads a file",
                        config.engine().id() + ".string-table"));
            }
            String unq = t.getUnquotedName();
            if (config.engine() == Engine.DUCKDB && unq != null && unq.matches(".*[./\\\\:*?].*")) {
                refuse(Refusals.forbidden("table name '" + unq + "' looks like a file or URL (DuckDB replacement scan)",
                        "duckdb.replacement-scan"));
            }
            List<String> parts = t.getNameParts();
            long nonEmpty = parts == null ? 0 : parts.stream().filter(x -> x != null && !x.isEmpty()).count();
            if (nonEmpty > 3 || String.valueOf(t.getFullyQualifiedName()).contains("@")) {
                refuse(Refusals.forbidden("four-part / linked-server names (" + t.getFullyQualifiedName()
                        + ") are refused", "linked-server"));
            }
            if (t.getIndexHint() != null || t.getSqlServerHints() != null) {
                refuse(Refusals.forbidden("table and lock hints (" + t + ") are refused", "no-locks"));
            }
            if (t.getTimeTravel() != null || t.getTimeTravelStrAfterAlias() != null) {
                refuse(Refusals.forbidden("time travel clauses are refused", "uncheckable"));
            }
            String schema = t.getUnquotedSchemaName();
            if (schema != null && schema.equalsIgnoreCase(config.scratchSchema())) {
                touchesScratch = true;
            } else if ((schema == null || schema.isEmpty()) && unq != null) {
                if (catalog.contains(unq)) {
                    touchesScratch = true;
                }
            }
        }
    }
}
