package dev.nlsql.model;

import dev.nlsql.model.vault.MaskedQuestion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One translation request.
 *
 * @param schema the linked part of the schema the model may use
 * @param question the question with values replaced by placeholders ({@code __NUM_1__} ...)
 * @param placeholders placeholder name to its kind ({@code ID}, {@code STR}, {@code NUM},
 *     {@code DATE}); the values themselves never reach the model
 * @param dialect target SQL dialect, lower case ({@code sqlite}, {@code duckdb}, {@code h2},
 *     {@code postgresql}, {@code sqlserver}, {@code generic})
 * @param maxCandidates how many candidates the caller wants, at least 1
 * @param valueColumns placeholder name to the {@code table.column} names value linking found its
 *     value in ({@code Slot.column}; see {@link #valueColumnsOf}); empty when none is known. Never
 *     fed to the network: a translator may use it only to order its finished candidates
 *     ({@link CandidateRanker}); it names columns, never values
 */
public record TranslationRequest(
        SchemaContext schema,
        String question,
        Map<String, String> placeholders,
        String dialect,
        int maxCandidates,
        Map<String, Set<String>> valueColumns) {

    public TranslationRequest {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(question, "question");
        placeholders = Map.copyOf(placeholders == null ? Map.of() : placeholders);
        dialect = dialect == null ? "generic" : dialect;
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be at least 1: " + maxCandidates);
        }
        Map<String, Set<String>> v = new TreeMap<>();
        if (valueColumns != null) {
            valueColumns.forEach((k, cols) -> {
                if (k != null && cols != null && !cols.isEmpty()) {
                    v.put(k, Set.copyOf(cols));
                }
            });
        }
        valueColumns = Collections.unmodifiableMap(v);
    }

    /** A request without value-linking hints. */
    public TranslationRequest(SchemaContext schema, String question, Map<String, String> placeholders, String dialect,
            int maxCandidates) {
        this(schema, question, placeholders, dialect, maxCandidates, Map.of());
    }

    /**
     * The value-linking hints of a masked question: each slot whose {@code column} is known, as
     * placeholder name to that one {@code table.column}.
     *
     * @param masked a question masked by {@code IdVault}
     * @return the hints for {@link #valueColumns()}, possibly empty
     */
    public static Map<String, Set<String>> valueColumnsOf(MaskedQuestion masked) {
        Map<String, Set<String>> out = new TreeMap<>();
        masked.slots().forEach((name, slot) -> {
            if (slot.column() != null) {
                out.put(name, Set.of(slot.column()));
            }
        });
        return out;
    }

    /** The placeholder names in a stable order (as they appear in {@link #placeholders()}). */
    public List<String> placeholderNames() {
        return placeholders.keySet().stream().sorted().toList();
    }
}
