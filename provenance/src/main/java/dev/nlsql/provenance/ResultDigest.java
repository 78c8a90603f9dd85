package dev.nlsql.provenance;

/**
 * Streaming digest of a result: values are fed in column order, row by row, as the client reads
 * them; nothing is buffered. Keeps an ordered digest (rows in the order read) and an
 * order-insensitive one (so a query without ORDER BY replays to the same value). Not
 * thread-safe: one per ResultSet.
 *
 * <p>Usage: {@code beginRow(); add(v1); add(v2); ... endRow();} for each row, then
 * {@link #orderedHex()} / {@link #unorderedHex()}. The canonical value encoding is documented
 * in the provenance module's README.
 */
public interface ResultDigest {

    /** Starts a row. */
    void beginRow();

    /** Adds the next column's value of the current row (any JDBC value, or null). */
    void add(Object value);

    /** Ends the current row. */
    void endRow();

    /** Rows completed so far. */
    long rowCount();

    /**
     * Lower-case hex SHA-256 over rows in the order read; null when the digest was created
     * without an ordered part (queries without ORDER BY, see {@link CanonicalResultDigest}).
     */
    String orderedHex();

    /** Lower-case hex order-insensitive digest (multiset of rows). */
    String unorderedHex();
}
