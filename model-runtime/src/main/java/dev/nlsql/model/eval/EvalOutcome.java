package dev.nlsql.model.eval;

import java.util.Map;

/**
 * The result of evaluating one question.
 *
 * @param index the question's position in the dataset file
 * @param dbId database id
 * @param hardness Spider hardness of the gold query ({@code null} where unknown)
 * @param question the question as written
 * @param maskedQuestion the question the translator saw (values replaced by placeholders)
 * @param placeholders placeholder name to its kind ({@code STR}, {@code NUM}, ...)
 * @param goldSql the gold SQL
 * @param predictedSql the first candidate, or {@code null} when the translator gave none
 * @param parses the candidate parses as one SQL statement (after placeholders become {@code ?})
 * @param schemaValid the candidate names only tables and columns of the schema (or aliases it
 *     defines itself)
 * @param placeholdersExact the candidate uses every given placeholder and no other
 * @param executed the candidate ran without error within the timeout
 * @param correct its result equals the gold result (execution accuracy)
 * @param error why it failed (translation, parse, execution), or {@code null}
 * @param latencyMs translation time in milliseconds (the model only; candidate checks and
 *     executions are in {@code selectionMs})
 * @param selectionMs time spent choosing the scored candidate among the translator's, in
 *     milliseconds: checking them and executing them in the model's order until
 *     {@link dev.nlsql.model.ExecutionGuidedSelection} stops (the execution-guided probes; in
 *     the harness a probe is the full execution, so the chosen candidate's run, whose rows are
 *     then scored, is included); {@code null} when not measured (a runner that does not time
 *     it, or no selection: no candidate, or the gold query failed)
 */
public record EvalOutcome(
        int index,
        String dbId,
        Hardness hardness,
        String question,
        String maskedQuestion,
        Map<String, String> placeholders,
        String goldSql,
        String predictedSql,
        boolean parses,
        boolean schemaValid,
        boolean placeholdersExact,
        boolean executed,
        boolean correct,
        String error,
        double latencyMs,
        Double selectionMs) {

    /** An outcome without a selection time ({@code selectionMs} null): the form runners used before it was measured. */
    public EvalOutcome(int index, String dbId, Hardness hardness, String question, String maskedQuestion,
            Map<String, String> placeholders, String goldSql, String predictedSql, boolean parses,
            boolean schemaValid, boolean placeholdersExact, boolean executed, boolean correct, String error,
            double latencyMs) {
        this(index, dbId, hardness, question, maskedQuestion, placeholders, goldSql, predictedSql, parses, schemaValid,
                placeholdersExact, executed, correct, error, latencyMs, null);
    }

    /** Translation plus selection time in milliseconds; {@code latencyMs} alone when selection was not measured. */
    public double totalMs() {
        return selectionMs == null ? latencyMs : latencyMs + selectionMs;
    }

    /** Whether the translator produced a candidate at all. */
    public boolean emitted() {
        return predictedSql != null;
    }
}
