package dev.nlsql.driver;

import dev.nlsql.driver.pipeline.AskQuestionStage;
import dev.nlsql.driver.pipeline.QuestionContext;
import dev.nlsql.driver.pipeline.QuestionStage;
import dev.nlsql.driver.pipeline.Translation;
import dev.nlsql.provenance.ProvenanceRecord;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Test-scope stages with a fixed "translator" (no model): {@code ASK ... artist <n>} or
 * {@code ASK ... artist ?} becomes {@code SELECT Name FROM Artist WHERE ArtistId = ?} with the
 * number (or the caller's bound value) as its parameter. Lets the tests drive the translate
 * seam of the pipeline; it is not a translator.
 */
public class TranslatingStages extends RecordingStages {

    @Override
    public QuestionStage questionStage(NlsqlConfig config) {
        AskQuestionStage ask = new AskQuestionStage();
        return new QuestionStage() {
            @Override
            public boolean isQuestion(String text) {
                return ask.isQuestion(text);
            }

            @Override
            public Translation translate(String text, List<Object> boundValues, QuestionContext context) throws SQLException {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("artist (\\d+|\\?)").matcher(text);
                if (!m.find()) {
                    throw new SQLException("the test translator knows one question only", "HY000");
                }
                Object value = m.group(1).equals("?") ? boundValues.get(0) : Integer.valueOf(m.group(1));
                if (text.trim().toUpperCase(java.util.Locale.ROOT).startsWith("EXPLAIN")) {
                    return new Translation("SELECT Name FROM Artist WHERE ArtistId = ?", List.of(value), text, Map.of(),
                            Map.of("name", "fixed-test-translator"),
                            new dev.nlsql.driver.pipeline.ExplainResult(List.of("sql", "parameters", "translation_ms"),
                                    List.of(java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.DOUBLE),
                                    List.of(java.util.Arrays.asList("SELECT Name FROM Artist WHERE ArtistId = ?", "[" + value + "]", null))));
                }
                return new Translation("SELECT Name FROM Artist WHERE ArtistId = ?", List.of(value),
                        text.replaceAll("\\d+", "__NUM_1__"),
                        Map.of("__NUM_1__", new ProvenanceRecord.Placeholder("NUM", String.valueOf(value))),
                        Map.of("name", "fixed-test-translator"));
            }
        };
    }
}
