package dev.nlsql.driver.jdbc;

/**
 * A statement of nlsql whose executions are recorded in the provenance store: gives clients the
 * id of the last record, to cite an answer. Reach it from any {@code Statement} or
 * {@code PreparedStatement} of a {@code jdbc:nlsql:} connection with
 * {@code stmt.unwrap(RecordedStatement.class)} (no target driver object is handed out).
 */
public interface RecordedStatement {

    /**
     * The id of the provenance record of this statement's last execution (a query, an update, an
     * {@code ASK} or an {@code EXPLAIN ASK}): pass it to {@code provenance show ID} or
     * {@code provenance verify ID}. The record is written when the execution ends (its result set
     * closed or read to the end, or its update count read); flush the store
     * ({@code ProvenanceStore.flush()}) before looking it up in the same process.
     *
     * @return the record id (a time-ordered UUID string); null before the first execution, after
     *     a batch (one record per statement, ids not exposed), when provenance is off
     *     ({@code nlsql.provenance.enabled=false}), or when the last statement was refused or
     *     failed translation before an execution began (its record has an id of its own, not
     *     exposed here)
     */
    String lastProvenanceId();
}
