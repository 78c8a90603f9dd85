package dev.nlsql.policy.internal;

import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Keeps the column labels clients see when the engine names an unaliased result column by the
 * expression's source text (SQLite: {@code SELECT count(*) FROM t} gives a column labelled
 * {@code count(*)}). The re-rendered text spells expressions its own way ({@code COUNT(*)},
 * {@code - rating}), which would change those labels, so each unaliased, non-column expression
 * of the outermost select list (the leftmost SELECT of a set operation, the body of a WITH) whose
 * rendering differs from its source text gets that source text as an explicit alias:
 * {@code SELECT COUNT(*) AS "count(*)" FROM t}. The alias is a quoted identifier built in the
 * tree (embedded quotes doubled by the dialect), so the source text is data, never SQL; the
 * rendered statement still passes {@link RenderedSqlCheck}.
 *
 * <p>The source text is the span of the expression as SQLite takes it: from the expression's
 * first to its last character, parentheses around it included, blanks trimmed.
 */
final class ColumnLabels {

    private ColumnLabels() {}

    /** Adds the aliases to {@code stmt}'s outermost select list (in place). */
    static void keepSourceLabels(SqlNode stmt, String sql, SqlWriterConfig writer) {
        SqlSelect select = outermostSelect(stmt);
        if (select == null || select.getSelectList() == null) {
            return;
        }
        SqlNodeList items = select.getSelectList();
        int[] lineStarts = null;
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (item == null || item instanceof SqlIdentifier || item.getKind() == SqlKind.AS) {
                continue; // column references keep the column's name; aliased ones their alias
            }
            SqlParserPos pos = item.getParserPosition();
            if (pos == null || pos.getLineNum() <= 0 || pos.getEndLineNum() <= 0) {
                continue;
            }
            if (lineStarts == null) {
                lineStarts = lineStarts(sql);
            }
            String text = sourceText(sql, lineStarts, pos);
            if (text == null || text.isEmpty()) {
                continue;
            }
            String rendered = item.toSqlString(c -> writer).getSql();
            if (rendered.equals(text)) {
                continue;
            }
            SqlIdentifier alias = new SqlIdentifier(List.of(text), null, SqlParserPos.ZERO,
                    List.of(SqlParserPos.QUOTED_ZERO));
            items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), item, alias));
        }
    }

    /**
     * The same for a JSqlParser query: unaliased non-column items of the outermost plain select
     * get their source text (the item's token span) as a quoted alias.
     */
    static void keepSourceLabels(Select stmt, String sql) {
        PlainSelect select = outermostSelect(stmt);
        if (select == null || select.getSelectItems() == null) {
            return;
        }
        int[] lineStarts = null;
        for (SelectItem<?> item : select.getSelectItems()) {
            Expression e = item.getExpression();
            if (item.getAlias() != null || e == null || e instanceof Column || e instanceof AllColumns
                    || item.getASTNode() == null) {
                continue;
            }
            Token first = item.getASTNode().jjtGetFirstToken();
            Token last = item.getASTNode().jjtGetLastToken();
            if (first == null || last == null) {
                continue;
            }
            if (lineStarts == null) {
                lineStarts = lineStarts(sql);
            }
            int start = offset(lineStarts, first.beginLine, first.beginColumn);
            int end = offset(lineStarts, last.endLine, last.endColumn) + 1;
            if (start < 0 || end <= start || end > sql.length()) {
                continue;
            }
            String text = sql.substring(start, end).strip();
            if (text.isEmpty() || text.equals(item.toString())) {
                continue;
            }
            item.setAlias(new Alias("\"" + text.replace("\"", "\"\"") + "\"", true));
        }
    }

    private static PlainSelect outermostSelect(Select node) {
        for (int guard = 0; guard < 64 && node != null; guard++) {
            if (node instanceof PlainSelect ps) {
                return ps;
            } else if (node instanceof ParenthesedSelect p) {
                node = p.getSelect();
            } else if (node instanceof SetOperationList so && so.getSelects() != null && !so.getSelects().isEmpty()) {
                node = so.getSelects().get(0);
            } else {
                return null;
            }
        }
        return null;
    }

    private static SqlSelect outermostSelect(SqlNode node) {
        for (int guard = 0; guard < 64 && node != null; guard++) {
            if (node instanceof SqlSelect s) {
                return s;
            } else if (node instanceof SqlWith w) {
                node = w.body;
            } else if (node instanceof SqlOrderBy ob) {
                node = ob.query;
            } else if (node instanceof SqlBasicCall c && (c.getKind() == SqlKind.UNION
                    || c.getKind() == SqlKind.INTERSECT || c.getKind() == SqlKind.EXCEPT)) {
                node = c.operand(0);
            } else {
                return null;
            }
        }
        return null;
    }

    /**
     * Offsets at which lines start, counting line ends as Calcite's JavaCC character stream does
     * ({@code \r\n}, {@code \r} and {@code \n} each end one line; a tab is one column).
     */
    private static int[] lineStarts(String sql) {
        int[] starts = new int[8];
        int n = 1;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < sql.length() && sql.charAt(i + 1) == '\n') {
                    i++;
                }
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    /** The expression's source text, parentheses around it included, or null if the span is odd. */
    static String sourceText(String sql, int[] lineStarts, SqlParserPos pos) {
        int start = offset(lineStarts, pos.getLineNum(), pos.getColumnNum());
        int end = offset(lineStarts, pos.getEndLineNum(), pos.getEndColumnNum()) + 1; // exclusive
        if (start < 0 || end <= start || end > sql.length()) {
            return null;
        }
        // widen to whole parentheses: Calcite's span of (a)+(b) can start inside the first pair
        int balance = balance(sql, start, end);
        if (balance == UNCLOSED_QUOTE) {
            return null;
        }
        while (balance < 0) {
            int p = skipBlanksLeft(sql, start);
            if (p < 0 || sql.charAt(p) != '(') {
                return null;
            }
            start = p;
            balance++;
        }
        while (balance > 0) {
            int p = skipBlanksRight(sql, end);
            if (p >= sql.length() || sql.charAt(p) != ')') {
                return null;
            }
            end = p + 1;
            balance--;
        }
        // parentheses around the whole item belong to it: "(a + b)" is SQLite's label
        while (true) {
            int l = skipBlanksLeft(sql, start);
            int r = skipBlanksRight(sql, end);
            if (l >= 0 && r < sql.length() && sql.charAt(l) == '(' && sql.charAt(r) == ')') {
                start = l;
                end = r + 1;
            } else {
                break;
            }
        }
        return sql.substring(start, end).strip();
    }

    private static int offset(int[] lineStarts, int line, int column) {
        if (line < 1 || line > lineStarts.length || column < 1) {
            return -1;
        }
        return lineStarts[line - 1] + column - 1;
    }

    private static final int UNCLOSED_QUOTE = Integer.MIN_VALUE;

    /** Open minus close parentheses in [start, end), outside quotes; {@link #UNCLOSED_QUOTE} if one does not close. */
    private static int balance(String sql, int start, int end) {
        int b = 0;
        char quote = 0;
        for (int i = start; i < end; i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                b++;
            } else if (c == ')') {
                b--;
            }
        }
        return quote != 0 ? UNCLOSED_QUOTE : b;
    }

    private static int skipBlanksLeft(String sql, int from) {
        int i = from - 1;
        while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
            i--;
        }
        return i;
    }

    private static int skipBlanksRight(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
