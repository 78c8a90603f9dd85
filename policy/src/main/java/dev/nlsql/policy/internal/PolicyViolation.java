package dev.nlsql.policy.internal;

import dev.nlsql.policy.PolicyException;

/** Carries a {@link PolicyException} out of parse-tree visitors, which cannot throw checked ones. */
final class PolicyViolation extends RuntimeException {

    final PolicyException refusal;

    PolicyViolation(PolicyException refusal) {
        super(refusal.getMessage(), null, false, false);
        this.refusal = refusal;
    }
}
