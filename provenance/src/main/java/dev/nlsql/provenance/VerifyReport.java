package dev.nlsql.provenance;

import java.util.List;

/**
 * Outcome of replaying a record.
 *
 * @param id the record's id
 * @param match true when schema hash, row count and the result digests that apply all agree
 * @param replayable false when the record cannot be replayed (refused, a write, no SQL)
 * @param differences one short line per difference (empty on a match)
 * @param notes remarks that do not make it a mismatch (e.g. same rows in another order without
 *     ORDER BY, incomplete record compared on its first rows)
 * @param schemaHash schema hash now
 * @param rowCount rows returned now
 * @param resultHashOrdered ordered digest now
 * @param resultHashUnordered order-insensitive digest now
 */
public record VerifyReport(String id, boolean match, boolean replayable, List<String> differences, List<String> notes,
        String schemaHash, long rowCount, String resultHashOrdered, String resultHashUnordered) {

    public VerifyReport {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    /** A few lines for people: MATCH or DIFFERS, then the differences and notes. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(match ? "MATCH " : replayable ? "DIFFERS " : "NOT REPLAYABLE ").append(id).append('\n');
        differences.forEach(d -> sb.append("  - ").append(d).append('\n'));
        notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
        return sb.toString();
    }
}
