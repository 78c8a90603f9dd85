package dev.nlsql.policy;

/**
 * Decides whether one SQL statement may run, and what text runs. Thread-safe; one instance
 * per connection or shared.
 */
public interface StatementPolicy {

    /**
     * Polices one statement.
     *
     * @param sql the caller's (or the model's) SQL text, with {@code ?} parameter markers
     * @return the decision, including the re-rendered SQL to execute
     * @throws PolicyException with SQLState 42501, 25006 or 42000 when refused
     */
    PolicyDecision check(String sql) throws PolicyException;

    /**
     * Polices a stored-procedure call ({@code prepareCall}, {@code {call ...}}). Refused outside
     * {@link PolicyMode#AUDIT}.
     */
    PolicyDecision checkCall(String sql) throws PolicyException;
}
