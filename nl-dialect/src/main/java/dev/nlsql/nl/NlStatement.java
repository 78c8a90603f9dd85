package dev.nlsql.nl;

import java.util.Objects;

/**
 * A statement recognised as a natural-language question.
 *
 * @param explain true for {@code EXPLAIN ASK}: describe the translation instead of running it
 * @param question the question text as written (trimmed), values not yet masked
 */
public record NlStatement(boolean explain, String question) {
    public NlStatement {
        Objects.requireNonNull(question, "question");
    }
}
