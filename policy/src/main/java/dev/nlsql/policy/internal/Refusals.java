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

    /**
     * 42501 on DuckDB for {@code TABLESAMPLE} / {@code USING SAMPLE}: neither parser's rendering
     * keeps its meaning there (Calcite writes {@code SYSTEM (10)} as {@code SYSTEM(10.0)}, which
     * DuckDB reads as a row count; JSqlParser drops a sample that follows a table function's
     * alias), so the statement is refused rather than run with another answer.
     */
    public static PolicyException duckDbSample() {
        return forbidden("TABLESAMPLE / USING SAMPLE is refused on DuckDB: the re-rendered statement would not sample "
                + "as written; sample in a scratch table or with ORDER BY random() LIMIT n", "duckdb.sample");
    }

    /** 42000: neither parser reads the statement. */
    public static PolicyException syntax(String what, Throwable cause) {
        return new PolicyException(what + " [rule parse]", PolicyException.SYNTAX_ERROR, "parse", cause);
    }
}
