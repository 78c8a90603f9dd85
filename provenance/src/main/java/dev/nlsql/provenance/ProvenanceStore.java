package dev.nlsql.provenance;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where provenance records go: an embedded database by default, any JDBC database for a team.
 * Thread-safe.
 */
public interface ProvenanceStore extends AutoCloseable {

    /**
     * Hands one record to the store. In async mode it is queued and written off the caller's
     * thread in batches; when the queue is full the caller blocks (records are never dropped).
     * In sync mode ({@code nlsql.provenance.sync=true}) it returns only once the record is
     * durable.
     *
     * @throws SQLException SQLState {@code 58030} (I/O error) when the store cannot accept it
     */
    void append(ProvenanceRecord record) throws SQLException;

    /** Blocks until every record appended so far is durable. */
    void flush() throws SQLException;

    /** One record by id. */
    Optional<ProvenanceRecord> find(String id) throws SQLException;

    /** Records at or after {@code since} (null: all), oldest first, at most {@code limit}. */
    List<ProvenanceRecord> list(Instant since, int limit) throws SQLException;

    /** Flushes and releases the store; further appends fail. */
    @Override
    void close() throws SQLException;
}
