package dev.nlsql.driver;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * The SQLStates nlsql raises itself, and factories for the matching exceptions. Never
 * {@code 08xxx} or {@code 0A000} except for real connection trouble: pools evict on those.
 */
public final class SqlStates {
    /** Connection could not be established (bad URL, no target driver, target refused). */
    public static final String CONNECTION_FAILED = "08001";
    /** Connection does not exist (used after close). */
    public static final String CONNECTION_CLOSED = "08003";
    /** Invalid parameter value (a bad {@code nlsql.*} option, a bad argument). */
    public static final String BAD_PARAMETER = "22023";
    /** Insufficient privilege: a policy refusal, or an unwrap to a vendor class. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** Syntax error or access rule violation. */
    public static final String SYNTAX_ERROR = "42000";
    /** General error: model or translator failure, no translator configured. */
    public static final String GENERAL_ERROR = "HY000";
    /** Function sequence error: a Statement used after close. */
    public static final String STATEMENT_CLOSED = "HY010";
    /** Invalid cursor state: a ResultSet used after close. */
    public static final String RESULT_SET_CLOSED = "24000";
    /** Query cancelled: the statement ran past its timeout. */
    public static final String QUERY_CANCELED = "57014";

    private SqlStates() {}

    public static SQLException connectionFailed(String message, Throwable cause) {
        return new SQLException(message, CONNECTION_FAILED, cause);
    }

    public static SQLException badParameter(String message) {
        return new SQLException(message, BAD_PARAMETER);
    }

    /** A statement that ran past {@code seconds} and was cancelled. */
    public static SQLTimeoutException timedOut(int seconds, Throwable cause) {
        return new SQLTimeoutException("statement cancelled: it ran longer than its timeout of " + seconds
                + " s (nlsql.timeout.seconds or Statement.setQueryTimeout); the connection is still usable",
                QUERY_CANCELED, cause);
    }
}
