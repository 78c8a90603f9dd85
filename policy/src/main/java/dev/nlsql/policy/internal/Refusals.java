package dev.nlsql.policy.internal;

import dev.nlsql.policy.PolicyException;

/** Builds {@link PolicyException}s with the project's SQLStates and message shape. */
public final class Refusals {

    private Refusals() {}

    /** 42501: a forbidden construct. The message names the construct; the rule is appended. */
    public static PolicyException forbidden(String what, String rule) {
        return new PolicyException(what + " [rule " + rule + "]", PolicyException.INSUFFICIENT_PRIVILEGE, rule);
    }

    /** 25006: a write in a read-only context. */
    public static PolicyException readOnly(String what, String rule) {
        return new PolicyException(what + " [rule " + rule + "]", PolicyException.READ_ONLY_TRANSACTION, rule);
    }

    /** 42000: neither parser reads the statement. */
    public static PolicyException syntax(String what, Throwable cause) {
        return new PolicyException(what + " [rule parse]", PolicyException.SYNTAX_ERROR, "parse", cause);
    }
}
