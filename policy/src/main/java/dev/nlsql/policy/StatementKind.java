package dev.nlsql.policy;

/** What a policed statement does. */
public enum StatementKind {
    /** SELECT, WITH, set operations, VALUES, EXPLAIN of a query, read-only metadata functions. */
    QUERY,
    /** DDL or DML whose every target is a scratch object. */
    SCRATCH_WRITE,
    /** Transaction control that changes nothing by itself (COMMIT, ROLLBACK, read-only BEGIN). */
    TRANSACTION,
    /** Anything else; allowed only in {@link PolicyMode#AUDIT}. */
    OTHER
}
