package dev.nlsql.cli.model;

import dev.nlsql.model.SchemaContext;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Structural and schema validity of generated SQL, judged with JSqlParser: the SQL (with
 * {@code ?} markers where placeholders were) must parse as exactly one SELECT, and every table
 * and column it names must exist in the schema (case-insensitive), a column may also be an
 * alias the statement defines itself ({@code AS x}).
 */
public final class SqlCheck {

    private static final Pattern ALIAS = Pattern.compile("(?i)\\bAS\\s+([\"`\\[]?)([\\w ]+?)[\"`\\]]?(?=[\\s,)]|$)");

    private SqlCheck() {}

    /**
     * Outcome of the checks.
     *
     * @param parses exactly one statement that parses
     * @param select that statement is a SELECT (including set operations and WITH)
     * @param schemaValid names only known tables and columns
     * @param problem the first problem found, or {@code null}
     */
    public record Result(boolean parses, boolean select, boolean schemaValid, String problem) {}

    /**
     * Checks one statement.
     *
     * @param jdbcSql SQL with {@code ?} markers (see {@code PlaceholderSql.toJdbc})
     * @param schema the schema it may use
     */
    public static Result check(String jdbcSql, SchemaContext schema) {
        Statement st;
        try {
            Statements all = CCJSqlParserUtil.parseStatements(jdbcSql);
            if (all == null || all.size() != 1) {
                return new Result(false, false, false, "expected one statement, got " + (all == null ? 0 : all.size()));
            }
            st = all.get(0);
        } catch (JSQLParserException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            return new Result(false, false, false, "does not parse: " + m.lines().findFirst().orElse(m));
        }
        if (!(st instanceof Select)) {
            return new Result(true, false, false, "not a SELECT: " + st.getClass().getSimpleName());
        }
        Set<String> tables = new HashSet<>();
        Set<String> columns = new HashSet<>();
        for (SchemaContext.Table t : schema.tables()) {
            tables.add(norm(t.name()));
            for (SchemaContext.Column c : t.columns()) {
                columns.add(norm(c.name()));
            }
        }
        Matcher m = ALIAS.matcher(jdbcSql);
        while (m.find()) {
            columns.add(norm(m.group(2)));
        }
        ColumnFinder finder = new ColumnFinder();
        Set<String> used;
        try {
            used = finder.getTables(st);
        } catch (RuntimeException e) {
            return new Result(true, true, false, "cannot walk the statement: " + e.getMessage());
        }
        for (String t : used) {
            String name = norm(t.contains(".") ? t.substring(t.lastIndexOf('.') + 1) : t);
            if (!tables.contains(name)) {
                return new Result(true, true, false, "unknown table " + t);
            }
        }
        for (String c : finder.columns) {
            if (!columns.contains(norm(c))) {
                return new Result(true, true, false, "unknown column " + c);
            }
        }
        return new Result(true, true, true, null);
    }

    static String norm(String name) {
        String s = name.strip();
        if (s.length() >= 2 && ("\"`[".indexOf(s.charAt(0)) >= 0)) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Collects column names while finding tables. */
    private static final class ColumnFinder extends TablesNamesFinder<Void> {
        final Set<String> columns = new HashSet<>();

        @Override
        public <S> Void visit(Column column, S context) {
            String name = column.getColumnName();
            if (name != null && !name.equalsIgnoreCase("true") && !name.equalsIgnoreCase("false")) {
                columns.add(name);
            }
            return super.visit(column, context);
        }
    }
}
