package dev.nlsql.provenance;

/**
 * Whether a statement's result rows come in a defined order: the rule shared by the driver
 * (which keeps the ordered result digest only for such statements) and {@link Replayer} (which
 * compares row order only for them).
 *
 * <p>The rule: the words {@code ORDER BY} (any case, any white space between them) appear at the
 * statement's top level, that is outside every parenthesis, string literal, quoted identifier
 * ({@code "..."}, {@code `...`}, {@code [...]}) and comment ({@code --}, {@code /* *}{@code /}).
 * An {@code ORDER BY} inside a window ({@code OVER (ORDER BY ...)}), an aggregate
 * ({@code WITHIN GROUP (ORDER BY ...)}), a subquery or a CTE body orders nothing the client
 * sees, so it does not count; an {@code ORDER BY} after a set operation orders the whole result
 * and does. This is a scan of the text, not a parse: SQL the policy re-rendered has already been
 * parsed, and the scan only has to tell nesting levels apart. Cost: one pass over the characters,
 * no allocation.
 */
public final class RowOrder {

    private RowOrder() {}

    /**
     * @param sql SQL text, or null (false)
     * @return true when {@code ORDER BY} appears at the top level of {@code sql}
     */
    public static boolean ordersRows(String sql) {
        if (sql == null) {
            return false;
        }
        int n = sql.length();
        int depth = 0;
        boolean afterOrder = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
                afterOrder = false;
            } else if (c == '[') {
                i = skipQuoted(sql, i, ']');
                afterOrder = false;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '(') {
                depth++;
                i++;
                afterOrder = false;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                i++;
                afterOrder = false;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                if (depth == 0) {
                    int len = i - start;
                    if (afterOrder && len == 2 && sql.regionMatches(true, start, "BY", 0, 2)) {
                        return true;
                    }
                    afterOrder = len == 5 && sql.regionMatches(true, start, "ORDER", 0, 5);
                }
            } else {
                if (!Character.isWhitespace(c)) {
                    afterOrder = false;
                }
                i++;
            }
        }
        return false;
    }

    /** Index after the quoted run that starts at {@code open}; a doubled closing quote is an escape. */
    private static int skipQuoted(String sql, int open, char close) {
        int i = open + 1;
        int n = sql.length();
        while (i < n) {
            if (sql.charAt(i) == close) {
                if (i + 1 < n && sql.charAt(i + 1) == close && close != ']') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }
}
