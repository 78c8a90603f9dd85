package dev.nlsql.model.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the SQL statement out of a completion's text. */
public final class SqlExtraction {

    private static final Pattern FENCE = Pattern.compile("```(?:sql|SQL)?\\s*(.*?)(?:```|$)", Pattern.DOTALL);

    private SqlExtraction() {}

    /**
     * The first statement in a completion: the content of a Markdown code fence if there is
     * one, otherwise the text after a leading {@code [SQL]}; cut at {@code [/SQL]} and at the
     * first {@code ;} outside quotes; trimmed.
     *
     * @param completion the completion text
     * @return the SQL, possibly empty
     */
    public static String firstStatement(String completion) {
        String s = completion == null ? "" : completion;
        Matcher m = FENCE.matcher(s);
        if (m.find()) {
            s = m.group(1);
        }
        s = s.strip();
        if (s.startsWith("[SQL]")) {
            s = s.substring(5);
        }
        int end = s.indexOf("[/SQL]");
        if (end >= 0) {
            s = s.substring(0, end);
        }
        return cutAtSemicolon(s).strip();
    }

    private static String cutAtSemicolon(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == ';') {
                return s.substring(0, i);
            }
        }
        return s;
    }
}
