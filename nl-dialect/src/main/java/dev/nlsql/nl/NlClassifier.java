package dev.nlsql.nl;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/**
 * Decides whether a statement is a question.
 *
 * <p>Grammar (keywords case-insensitive, the question runs to the end of the text, one
 * trailing {@code ;} is dropped):
 * <pre>
 *   nl-statement ::= [ "EXPLAIN" ] "ASK" question
 * </pre>
 * With {@link NlMode#AUTO}, a statement that JSqlParser cannot parse as SQL, and that contains
 * at least two words, is a question too (never an {@code EXPLAIN} one). Statements that start
 * with an unmistakable SQL keyword ({@code SELECT}, {@code INSERT}, {@code UPDATE},
 * {@code DELETE}, {@code CREATE}, {@code PRAGMA}, {@code BEGIN}, {@code COMMIT}...), a JDBC
 * escape or a parenthesis, and statements longer than {@value #MAX_AUTO_QUESTION_CHARS}
 * characters, are SQL without being parsed, so ordinary SQL pays no parse here. Thread-safe.
 */
public final class NlClassifier {

    private static final Pattern ASK = Pattern.compile(
            "^\\s*(?:(EXPLAIN)\\s+)?ASK(?:\\s+|(?=[?¿]))(.*?)[\\s;]*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern WORDS = Pattern.compile("\\p{L}+[\\s\\p{Punct}]+\\p{L}+");

    /** Longest text {@link NlMode#AUTO} considers as a question, in characters. */
    public static final int MAX_AUTO_QUESTION_CHARS = 2000;

    private static final java.util.Set<String> SQL_STARTS = java.util.Set.of("select", "insert", "update",
            "delete", "merge", "upsert", "replace", "create", "alter", "truncate", "pragma", "begin", "commit",
            "rollback", "savepoint", "release", "grant", "revoke", "call", "exec", "execute", "attach", "detach",
            "vacuum", "reindex", "checkpoint", "copy", "install", "load", "export", "import");
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*([A-Za-z_]+|[({])");

    private final NlMode mode;

    public NlClassifier(NlMode mode) {
        this.mode = mode == null ? NlMode.EXPLICIT : mode;
    }

    /**
     * Classifies one statement.
     *
     * @param statementText the caller's text (may be null)
     * @return the question, or empty when the statement is SQL (or the mode is off)
     */
    public Optional<NlStatement> classify(String statementText) {
        if (statementText == null || mode == NlMode.OFF) {
            return Optional.empty();
        }
        Matcher m = ASK.matcher(statementText);
        if (m.matches()) {
            String q = m.group(2).trim();
            if (!q.isEmpty()) {
                return Optional.of(new NlStatement(m.group(1) != null, q));
            }
        }
        if (mode == NlMode.AUTO && isQuestionLike(statementText) && !parsesAsSql(statementText)) {
            return Optional.of(new NlStatement(false, statementText.trim().replaceAll("[\\s;]+$", "")));
        }
        return Optional.empty();
    }

    private static boolean isQuestionLike(String text) {
        if (text.length() > MAX_AUTO_QUESTION_CHARS) {
            return false;
        }
        Matcher m = FIRST_WORD.matcher(text);
        if (m.find() && (m.group(1).equals("(") || m.group(1).equals("{")
                || SQL_STARTS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT)))) {
            return false;
        }
        return WORDS.matcher(text).find();
    }

    /** True when JSqlParser reads the text as one or more SQL statements it understands. */
    static boolean parsesAsSql(String text) {
        try {
            Statements st = CCJSqlParserUtil.newParser(text).withSquareBracketQuotation(true).Statements();
            return st != null && !st.isEmpty() && st.stream().noneMatch(s -> s instanceof UnsupportedStatement);
        } catch (Exception | Error e) {
            return false;
        }
    }
}
