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
 * at least two words, is a question too (never an {@code EXPLAIN} one). Thread-safe.
 */
public final class NlClassifier {

    private static final Pattern ASK = Pattern.compile(
            "^\\s*(?:(EXPLAIN)\\s+)?ASK(?:\\s+|(?=[?¿]))(.*?)[\\s;]*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern WORDS = Pattern.compile("\\p{L}+[\\s\\p{Punct}]+\\p{L}+");

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
