package dev.nlsql.driver.pipeline;

import dev.nlsql.policy.PolicyDecision;
import dev.nlsql.policy.StatementKind;
import dev.nlsql.provenance.Replayer;
import java.util.List;

/**
 * A statement that passed classify, translate and police, ready to execute.
 *
 * @param text the caller's statement text
 * @param sql the SQL to execute (the policy's re-rendered text), with {@code ?} markers
 * @param parameters values to bind to the markers first, from a translation (empty for SQL)
 * @param decision the policy's decision
 * @param translation the translation for a question, else null
 * @param translateMs time spent translating (ms)
 * @param parseMs time spent policing (ms)
 * @param ordered whether {@code sql} orders its rows ({@link Replayer#ordersRows}: a top-level {@code ORDER BY}): only then
 *     does the record keep the ordered result digest besides the order-insensitive one
 */
public record Plan(String text, String sql, List<Object> parameters, PolicyDecision decision, Translation translation,
        double translateMs, double parseMs, boolean ordered) {

    /** A plan whose {@code ordered} flag is read from {@code sql}. */
    public Plan(String text, String sql, List<Object> parameters, PolicyDecision decision, Translation translation,
            double translateMs, double parseMs) {
        this(text, sql, parameters, decision, translation, translateMs, parseMs, Replayer.ordersRows(sql));
    }

    /** The result to return instead of executing ({@code EXPLAIN ASK}), or null. */
    public ExplainResult explain() {
        return translation == null ? null : translation.explain();
    }

    /** Whether the policy classified it as a write to scratch objects only. */
    public boolean scratchWrite() {
        return decision.kind() == StatementKind.SCRATCH_WRITE;
    }
}
