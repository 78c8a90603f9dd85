package dev.nlsql.policy;

import java.sql.SQLException;

/**
 * A statement refused by policy. SQLState {@code 42501} (insufficient privilege) for a
 * forbidden construct, {@code 25006} (read-only SQL transaction) for a write in a read-only
 * context, {@code 42000} for a statement neither parser can read. Never {@code 08xxx} or
 * {@code 0A000}: pools evict connections on those.
 */
public class PolicyException extends SQLException {

    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String READ_ONLY_TRANSACTION = "25006";
    public static final String SYNTAX_ERROR = "42000";

    private final String rule;

    public PolicyException(String message, String sqlState, String rule) {
        super(message, sqlState);
        this.rule = rule;
    }

    public PolicyException(String message, String sqlState, String rule, Throwable cause) {
        super(message, sqlState, cause);
        this.rule = rule;
    }

    /** The rule that refused the statement, e.g. {@code one-statement}, {@code sqlite.attach}. */
    public String rule() {
        return rule;
    }
}
