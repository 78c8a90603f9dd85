package dev.nlsql.driver.pipeline;

import dev.nlsql.nl.ExplainAsk;
import dev.nlsql.nl.NlContext;
import dev.nlsql.nl.NlDialect;
import dev.nlsql.nl.NlParameter;
import dev.nlsql.nl.NlPlan;
import dev.nlsql.nl.NlStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The classify and translate stages backed by the NL dialect: {@code ASK} and
 * {@code EXPLAIN ASK} (and, with {@code nlsql.mode=auto}, text that is no SQL) are planned by
 * {@link NlDialect} against the connection's schema snapshot, validated by the connection's
 * policy, and returned with their bound values. Thread-safe.
 */
final class NlQuestionStage implements QuestionStage {

    private final NlDialect dialect;
    private final SchemaSnapshots snapshots;

    NlQuestionStage(NlDialect dialect, SchemaSnapshots snapshots) {
        this.dialect = dialect;
        this.snapshots = snapshots;
    }

    @Override
    public boolean isQuestion(String text) {
        return text != null && dialect.classify(text).isPresent();
    }

    /**
     * @throws SQLException HY000 when no valid SQL is found or the model cannot run, 22023 when
     *     the bound values do not fit the question's {@code ?} markers
     */
    @Override
    public Translation translate(String text, List<Object> boundValues, QuestionContext context) throws SQLException {
        Optional<NlStatement> statement = dialect.classify(text);
        if (statement.isEmpty()) {
            throw new SQLException("not a question: " + text, "42000");
        }
        NlContext ctx = new NlContext(context.backend().engine(),
                snapshots.source(context.source(), context.session()), context.policy(), context.source());
        NlPlan plan = dialect.plan(statement.get(), boundValues, ctx);
        if (plan.explain()) {
            ExplainResult explain = new ExplainResult(ExplainAsk.COLUMNS, ExplainAsk.COLUMN_TYPES,
                    List.of(ExplainAsk.row(plan)));
            return new Translation(plan.sql(), values(plan), plan.maskedQuestion(),
                    plan.provenancePlaceholders(), plan.provenanceModel(), explain);
        }
        return new Translation(plan.sql(), values(plan), plan.maskedQuestion(),
                plan.provenancePlaceholders(), plan.provenanceModel());
    }

    private static List<Object> values(NlPlan plan) {
        return plan.parameters().stream().map(NlParameter::value).toList();
    }
}
