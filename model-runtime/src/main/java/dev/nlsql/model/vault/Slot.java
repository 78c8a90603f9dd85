package dev.nlsql.model.vault;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One masked value.
 *
 * @param kind what the value is
 * @param original the exact text it replaced in the question (quotes included for quoted
 *     strings); for a caller's {@code ?} marker, {@code "?"}
 * @param value the typed value to bind as a JDBC parameter: {@link String} for {@code STR},
 *     {@link BigDecimal} for {@code NUM} (bound {@code ?} numbers keep their own
 *     {@link Number} type), {@link LocalDate} for {@code DATE}, {@link Long} (digits only) or
 *     {@link String} for {@code ID}
 * @param column the {@code table.column} a {@link ValueIndex} matched the value to, or
 *     {@code null} when no index named it (a schema-linking hint, never fed to the network; a
 *     translator may use it to order its candidates, see
 *     {@code TranslationRequest.valueColumnsOf} and {@code CandidateRanker})
 */
public record Slot(SlotKind kind, String original, Object value, String column) {

    public Slot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(value, "value");
    }

    /** A slot that no value index matched. */
    public Slot(SlotKind kind, String original, Object value) {
        this(kind, original, value, null);
    }
}
