package dev.nlsql.driver.pipeline;

import dev.nlsql.policy.PolicyDecision;
import dev.nlsql.policy.StatementKind;
import dev.nlsql.policy.StatementPolicy;

/**
 * {@code audit} semantics: every statement and call is allowed unchanged (kind
 * {@link StatementKind#OTHER}, rule {@code audit}); it is still recorded, and the engine's own
 * read-only opening still applies in the other modes. Used until the policy module's
 * implementation is plugged in ({@link DefaultPipelineStages#policy}).
 */
public final class PassThroughPolicy implements StatementPolicy {

    private final String rule;

    /** @param rule the rule name recorded for every statement, e.g. {@code audit} */
    public PassThroughPolicy(String rule) {
        this.rule = rule;
    }

    @Override
    public PolicyDecision check(String sql) {
        return new PolicyDecision(StatementKind.OTHER, sql, rule, false);
    }

    @Override
    public PolicyDecision checkCall(String sql) {
        return new PolicyDecision(StatementKind.OTHER, sql, rule, false);
    }
}
