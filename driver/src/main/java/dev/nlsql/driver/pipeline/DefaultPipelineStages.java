package dev.nlsql.driver.pipeline;

import dev.nlsql.driver.NlsqlConfig;
import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ResultDigest;
import java.util.function.Supplier;

/**
 * The stages used unless {@code nlsql.stages} names others. This is the one place where the
 * other modules' implementations are plugged in:
 * <ul>
 *   <li>questions: {@link AskQuestionStage} (recognises ASK, refuses with HY000) until the NL
 *       dialect's translator is wired here;</li>
 *   <li>policy: {@link PassThroughPolicy} (audit semantics; the engine's read-only opening is
 *       the only wall) until the policy module's {@code StatementPolicy} is wired here;</li>
 *   <li>provenance: no store and no digest (nothing recorded) until the provenance module's
 *       store and digest are wired here.</li>
 * </ul>
 */
public class DefaultPipelineStages implements PipelineStages {

    private static final QuestionStage ASK = new AskQuestionStage();

    @Override
    public QuestionStage questionStage(NlsqlConfig config) {
        return ASK;
    }

    @Override
    public StatementPolicy policy(Backend backend, BackendSession session, ScratchObjects scratch, NlsqlConfig config) {
        return new PassThroughPolicy(config.policyMode() == dev.nlsql.policy.PolicyMode.AUDIT ? "audit" : "pass-through");
    }

    @Override
    public ProvenanceStore provenanceStore(NlsqlConfig config) {
        return null;
    }

    @Override
    public Supplier<ResultDigest> resultDigests(NlsqlConfig config) {
        return null;
    }
}
