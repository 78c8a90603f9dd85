package dev.nlsql.driver.pipeline;

import dev.nlsql.provenance.ProvenanceRecord;
import java.util.List;

/**
 * The result columns (labels and JDBC type names) of one prepared statement, read from the
 * target's metadata on its first execution and reused by the records of later executions while
 * the column count stays the same: reading metadata costs several microseconds a statement on
 * some drivers (SQLite), and a prepared statement's columns are fixed by its SQL. After DDL that
 * changes a column's type but not the count, records keep the first type until the statement is
 * prepared again. Not thread-safe: one per statement, used by its executing thread.
 */
public final class ColumnCache {
    List<ProvenanceRecord.Column> columns;
}
