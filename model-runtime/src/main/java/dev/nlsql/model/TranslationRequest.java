package dev.nlsql.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 */
public record TranslationRequest(
        SchemaContext schema,
        String question,
        Map<String, String> placeholders,
        String dialect,
        int maxCandidates) {

    public TranslationRequest {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(question, "question");
        placeholders = Map.copyOf(placeholders == null ? Map.of() : placeholders);
        dialect = dialect == null ? "generic" : dialect;
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be at least 1: " + maxCandidates);
        }
    }

    /** The placeholder names in a stable order (as they appear in {@link #placeholders()}). */
    public List<String> placeholderNames() {
        return placeholders.keySet().stream().sorted().toList();
    }
}
