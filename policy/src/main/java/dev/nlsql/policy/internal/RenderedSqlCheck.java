package dev.nlsql.policy.internal;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyException;

/**
 * The second look at the text that will reach the engine, lexed with the engine's own lexical
 * rules (conservatively: where engines or settings differ, both readings must agree). The
 * re-rendered SQL never contains comments, statement separators or positional/named parameters
 * other than {@code ?}, so finding one means the parser and the engine disagree about the text
 * (a parser differential, e.g. {@code E'\''} that JSqlParser lexes as {@code E'\'} followed by a
 * new string): the statement is refused. It also refuses any call of a function deny-listed
 * for the engine ({@link FunctionRules#denyReason(Engine, String)}) found at token level (a name followed by {@code (}), whatever the parse tree said.
 *
 * <p>Cost: one linear pass, no allocation except for names before {@code (}.
 */
public final class RenderedSqlCheck {

    private RenderedSqlCheck() {}

    /**
     * Checks rendered SQL.
     *
     * @param engine the engine whose lexer rules apply
     * @param sql the re-rendered statement
     * @return the number of {@code ?} parameter markers outside literals
     * @throws PolicyException 42501, rule {@code render-check}, on anything the engine could read
     *     differently from the parser, or rule {@code <engine>.function-deny-list}
     */
    public static int check(Engine engine, String sql) throws PolicyException {
        return check(engine, sql, true);
    }

    /**
     * Statement keywords that never appear as bare words inside one query, and inside a write only
     * as its first word. T-SQL runs {@code SELECT 1 DELETE FROM t} as two statements without any
     * separator, and JSqlParser reads {@code DELETE} there as a column alias: such text is refused.
     */
    private static final java.util.Set<String> STATEMENT_WORDS = java.util.Set.of("INSERT", "UPDATE", "DELETE",
            "MERGE", "DROP", "CREATE", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "EXEC", "EXECUTE", "DECLARE",
            "WAITFOR", "SHUTDOWN", "ATTACH", "DETACH", "PRAGMA", "VACUUM", "INTO");

    /**
     * Checks rendered SQL.
     *
     * @param query true for a query (no statement keyword may appear as a bare word), false for a
     *     scratch write (only its first word may be one)
     * @return the number of {@code ?} parameter markers outside literals
     * @throws PolicyException 42501, rule {@code render-check}
     */
    public static int check(Engine engine, String sql, boolean query) throws PolicyException {
        boolean firstWord = true;
        boolean sqliteQuotes = engine == Engine.SQLITE;
        boolean bracketIds = engine == Engine.SQLITE || engine == Engine.SQLSERVER;
        boolean dollarStrings = engine == Engine.POSTGRESQL || engine == Engine.DUCKDB || engine == Engine.H2;
        int params = 0;
        int n = sql.length();
        int i = 0;
        String lastWord = null; // normalised identifier just before the current position
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            String word = null;
            if (c == '\'') {
                int std = endOfString(sql, i, false);
                int esc = endOfString(sql, i, true);
                if (std != esc || std < 0) {
                    throw differential("a string literal that engines read differently (backslash before a quote)", i);
                }
                i = std;
            } else if (c == '"' || (sqliteQuotes && c == '`')) {
                int end = sql.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == c) {
                    end = sql.indexOf(c, end + 2);
                }
                if (end < 0) {
                    throw differential("an unterminated quoted identifier", i);
                }
                word = sql.substring(i + 1, end).replace(String.valueOf(c) + c, String.valueOf(c));
                i = end + 1;
            } else if (c == '[' && bracketIds) {
                int end = sql.indexOf(']', i + 1);
                if (end < 0) {
                    throw differential("an unterminated [identifier]", i);
                }
                word = sql.substring(i + 1, end);
                i = end + 1;
            } else if (c == '$' && dollarStrings && i + 1 < n && !Character.isDigit(sql.charAt(i + 1))) {
                int tagEnd = i + 1;
                while (tagEnd < n && isIdentPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
                    tagEnd++;
                }
                if (tagEnd >= n || sql.charAt(tagEnd) != '$') {
                    throw differential("a '$' outside a dollar-quoted string", i);
                }
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    throw differential("an unterminated dollar-quoted string", i);
                }
                i = close + tag.length();
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    || c == '/' && i + 1 < n && (sql.charAt(i + 1) == '*' || sql.charAt(i + 1) == '/')
                    || c == '#') {
                throw differential("a comment or comment-like token ('" + sql.substring(i, Math.min(n, i + 2)) + "')", i);
            } else if (c == ';') {
                throw differential("a statement separator ';'", i);
            } else if (c == '?') {
                if (i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                    throw Refusals.forbidden("numbered parameter ?N: only ? markers are allowed", "parameter-markers");
                }
                params++;
                i++;
            } else if (c == '$' || (c == '@' && i + 1 < n && (Character.isLetter(sql.charAt(i + 1))
                    || sql.charAt(i + 1) == '@' || sql.charAt(i + 1) == '_'))
                    || (c == ':' && i + 1 < n && Character.isLetter(sql.charAt(i + 1))
                    && (i == 0 || " \t\n(,=<>+-*/".indexOf(sql.charAt(i - 1)) >= 0))) {
                throw Refusals.forbidden("parameter or variable '" + sql.substring(i, Math.min(n, i + 8))
                        + "': only ? markers are allowed", "parameter-markers");
            } else if (c == '\\' || c == 0 || (c < 0x20) || c == 0x7f) {
                throw differential("a control or escape character outside a literal", i);
            } else if (isIdentStart(c)) {
                int s = i;
                while (i < n && isIdentPart(sql.charAt(i))) {
                    i++;
                }
                word = sql.substring(s, i);
                String upper = word.toUpperCase(java.util.Locale.ROOT);
                if (STATEMENT_WORDS.contains(upper) && (query || !firstWord)
                        && !(upper.equals("INTO") && !query)) {
                    throw differential("the bare keyword " + upper + " inside the statement (a second statement"
                            + " to engines that split batches without separators)", s);
                }
                firstWord = false;
            } else if (c > 0x7f) {
                throw differential("a non-ASCII character outside a literal or identifier", i);
            } else {
                if (c == '(' && lastWord != null) {
                    String reason = FunctionRules.denyReason(engine, lastWord);
                    if (reason != null) {
                        throw Refusals.forbidden("function " + lastWord + "() is refused: " + reason,
                                engine.id() + ".function-deny-list");
                    }
                }
                i++;
            }
            lastWord = word == null ? null : word.toLowerCase(java.util.Locale.ROOT);
        }
        return params;
    }

    /** End index (exclusive) of the string literal starting at {@code start}, or -1. */
    private static int endOfString(String sql, int start, boolean backslashEscapes) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static PolicyException differential(String what, int pos) {
        return Refusals.forbidden("the re-rendered statement contains " + what + " at offset " + pos
                + "; the parser and the engine would read it differently", "render-check");
    }
}
