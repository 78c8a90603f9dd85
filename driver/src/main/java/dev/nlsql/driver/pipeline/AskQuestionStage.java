package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.SqlStates;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Recognises {@code ASK <question>} and {@code EXPLAIN ASK <question>} (keywords
 * case-insensitive, leading white space allowed) and refuses to translate: the driver's
 * stand-in until the NL dialect's translator is plugged in through {@link PipelineStages}.
 */
public final class AskQuestionStage implements QuestionStage {

    private static final Pattern ASK = Pattern.compile("\\s*(?:EXPLAIN\\s+)?ASK(?:\\s.*)?", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    @Override
    public boolean isQuestion(String text) {
        if (text == null) {
            return false;
        }
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return false;
        }
        char c = text.charAt(i);
        if (c != 'a' && c != 'A' && c != 'e' && c != 'E') {
            return false;
        }
        return ASK.matcher(text).matches();
    }

    /** Always refuses: {@link SQLException} HY000 "no translator configured". */
    @Override
    public Translation translate(String text, java.util.List<Object> boundValues, QuestionContext context) throws SQLException {
        throw new SQLException("cannot answer a question: no translator configured (nlsql.stages="
                + context.config().stagesClass() + " has none); send SQL instead, or use a build with the NL dialect",
                SqlStates.GENERAL_ERROR);
    }
}
