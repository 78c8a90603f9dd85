package dev.nlsql.model;

/**
 * One candidate translation.
 *
 * @param sql the SQL text, using the request's placeholders verbatim where values belong
 * @param score the model's log-probability of the candidate (higher is better; 0 is certain)
 */
public record Candidate(String sql, double score) {}
