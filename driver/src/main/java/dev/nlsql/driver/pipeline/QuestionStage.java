package dev.nlsql.driver.pipeline;

import java.sql.SQLException;

/**
 * The classify and translate stages: tells a natural-language question from SQL, and turns a
 * question into one SQL statement with {@code ?} markers and the values to bind. Implemented by
 * the NL dialect; {@link AskQuestionStage} is the driver's own, which recognises questions and
 * refuses them while no translator is configured. Thread-safe.
 */
public interface QuestionStage {

    /**
     * Whether {@code text} is a question ({@code ASK ...}, {@code EXPLAIN ASK ...}). Called for
     * every statement, so it must be cheap (no parsing of ordinary SQL).
     */
    boolean isQuestion(String text);

    /**
     * Translates a question.
     *
     * @param text the statement text as the caller sent it ({@code ASK ...})
     * @param boundValues the values the caller bound to the question's {@code ?} markers, in
     *     order (a {@code PreparedStatement} of a question is translated at each execution, with
     *     its values); empty for a plain {@code Statement}. Unbound positions are null.
     * @param context the source connection (raw, for schema reading only) and its backend
     * @return the SQL to police and run, with its parameters
     * @throws SQLException HY000 when the model fails or no translator is configured, 42000
     *     when the question is malformed
     */
    Translation translate(String text, java.util.List<Object> boundValues, QuestionContext context) throws SQLException;
}
