package dev.nlsql.provenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Replays a record's SQL with its bound parameters on a connection to the source and compares
 * the schema hash and result digests with what was recorded. Only queries are replayed: a
 * record that was refused, has no SQL, involved scratch objects, or whose SQL does not start
 * with {@code SELECT}, {@code WITH}, {@code VALUES}, {@code TABLE} or {@code (} is reported as
 * not replayable, never executed.
 *
 * <p>Comparison: the order-insensitive digest always; the ordered digest too when the SQL
 * contains {@code ORDER BY} (otherwise a different order is only a note). A record marked
 * incomplete (the client stopped early) is compared on its first {@code rowCount} rows with the
 * ordered digest only when it was ordered, else on the row count alone (noted).
 */
public final class Replayer {
    private static final Pattern QUERY_START = Pattern.compile("^(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(select|with|values|table|\\()",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Replayer() {}

    /**
     * Replays {@code r} on {@code source}.
     *
     * @param scope the scope the record's schema hash was computed with (the driver uses
     *     {@link SchemaScope#source}, with its scratch schema excluded)
     * @throws SQLException when the SQL fails to run (the message says so) or metadata fails
     */
    public static VerifyReport verify(ProvenanceRecord r, Connection source, SchemaScope scope) throws SQLException {
        List<String> diff = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String why = notReplayable(r);
        if (why != null) {
            return new VerifyReport(r.id(), false, false, List.of(why), List.of(), null, 0, null, null);
        }
        String schemaHash = SchemaSnapshotter.snapshot(source, scope).sha256();
        if (r.schemaHash() == null) {
            notes.add("record has no schema hash; schema not compared");
        } else if (!r.schemaHash().equals(schemaHash)) {
            diff.add("schema hash: recorded " + abbrev(r.schemaHash()) + ", now " + abbrev(schemaHash));
        }
        boolean ordered = ordersRows(r.sql());
        long limit = r.complete() ? Long.MAX_VALUE : r.rowCount();
        CanonicalResultDigest d = new CanonicalResultDigest();
        try (PreparedStatement ps = source.prepareStatement(r.sql())) {
            for (ProvenanceRecord.Parameter p : r.parameters()) {
                ParameterCodec.bind(ps, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                if (r.columns() != null && !r.columns().isEmpty() && r.columns().size() != n) {
                    diff.add("columns: recorded " + r.columns().size() + ", now " + n);
                }
                while (d.rowCount() < limit && rs.next()) {
                    d.beginRow();
                    for (int i = 1; i <= n; i++) {
                        d.add(rs.getObject(i));
                    }
                    d.endRow();
                }
            }
        }
        if (d.rowCount() != r.rowCount()) {
            diff.add("row count: recorded " + r.rowCount() + ", now " + d.rowCount());
        }
        if (!r.complete()) {
            notes.add("record is incomplete (client read " + r.rowCount() + " rows); compared those rows only");
        }
        boolean unorderedSame = Objects.equals(r.resultHashUnordered(), d.unorderedHex());
        boolean orderedSame = Objects.equals(r.resultHashOrdered(), d.orderedHex());
        if (r.complete() || ordered) {
            if (r.resultHashUnordered() != null && !unorderedSame) {
                diff.add("result digest (order-insensitive): recorded " + abbrev(r.resultHashUnordered()) + ", now "
                        + abbrev(d.unorderedHex()));
            }
        } else if (!unorderedSame) {
            notes.add("first rows of an unordered query may legitimately differ; digest not compared");
        }
        if (r.resultHashOrdered() != null && !orderedSame) {
            if (ordered) {
                diff.add("result digest (ordered): recorded " + abbrev(r.resultHashOrdered()) + ", now "
                        + abbrev(d.orderedHex()));
            } else if (unorderedSame) {
                notes.add("same rows in a different order (query has no ORDER BY)");
            }
        }
        if (r.resultHashOrdered() == null && r.resultHashUnordered() == null) {
            notes.add("record has no result digest; only the row count was compared");
        }
        return new VerifyReport(r.id(), diff.isEmpty(), true, diff, notes, schemaHash, d.rowCount(), d.orderedHex(),
                d.unorderedHex());
    }

    /**
     * Whether {@code sql} orders its rows: {@link RowOrder#ordersRows} ({@code ORDER BY} at the
     * statement's top level). The driver keeps the ordered digest only for such SQL.
     *
     * @param sql SQL text, or null (false)
     */
    public static boolean ordersRows(String sql) {
        return RowOrder.ordersRows(sql);
    }

    /** Why {@code r} cannot be replayed, or null when it can. */
    public static String notReplayable(ProvenanceRecord r) {
        if (!"allowed".equalsIgnoreCase(Objects.toString(r.decision(), "allowed"))) {
            return "statement was " + r.decision() + "; nothing ran, nothing to replay";
        }
        if (r.sql() == null || r.sql().isBlank()) {
            return "record has no SQL";
        }
        if (r.scratch()) {
            return "statement involved scratch objects, whose state is not kept; not replayed";
        }
        if (!QUERY_START.matcher(r.sql()).find()) {
            return "only queries are replayed; this SQL starts with "
                    + r.sql().strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        }
        return null;
    }

    private static String abbrev(String h) {
        return h == null ? "none" : h.length() > 12 ? h.substring(0, 12) + "…" : h;
    }
}
