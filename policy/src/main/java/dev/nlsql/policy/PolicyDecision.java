package dev.nlsql.policy;

/**
 * The outcome of policing one statement that is allowed to run.
 *
 * @param kind what the statement does
 * @param sql the text to send to the engine: re-rendered from the checked parse tree in the
 *     backend's dialect (never the caller's text), with unqualified new objects placed in
 *     scratch; equal to the input only in {@link PolicyMode#AUDIT}
 * @param rule the rule that allowed it, e.g. {@code read-only-query}, {@code scratch-write},
 *     {@code audit}
 * @param touchesScratch whether a scratch object is read or written
 */
public record PolicyDecision(StatementKind kind, String sql, String rule, boolean touchesScratch) {}
