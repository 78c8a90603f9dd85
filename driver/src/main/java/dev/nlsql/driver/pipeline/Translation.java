package dev.nlsql.driver.pipeline;

import dev.nlsql.provenance.ProvenanceRecord;
import java.util.List;
import java.util.Map;

/**
 * A question turned into SQL, or (for {@code EXPLAIN ASK}) into a result to show instead of
 * running anything.
 *
 * @param sql one SQL statement with {@code ?} markers where the question's values go (for
 *     {@code EXPLAIN ASK} a query that returns the explanation); policed like any statement
 * @param parameters values bound to the markers, in order (JDBC objects)
 * @param question the question with values replaced by placeholders
 * @param placeholders placeholder name to its kind and value, for provenance
 * @param model model identity for provenance ({@code name}, {@code weightsSha256},
 *     {@code decodeConfig}, {@code promptHash}, {@code source})
 * @param explain for {@code EXPLAIN ASK}: the result to return; then nothing is policed or
 *     executed ({@code sql} may be null when translation failed). Null for {@code ASK}.
 */
public record Translation(String sql, List<Object> parameters, String question,
        Map<String, ProvenanceRecord.Placeholder> placeholders, Map<String, String> model, ExplainResult explain) {

    /** A translation to run (not an explanation). */
    public Translation(String sql, List<Object> parameters, String question,
            Map<String, ProvenanceRecord.Placeholder> placeholders, Map<String, String> model) {
        this(sql, parameters, question, placeholders, model, null);
    }

    public Translation {
        parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
    }
}
