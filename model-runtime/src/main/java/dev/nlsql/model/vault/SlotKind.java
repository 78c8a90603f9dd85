package dev.nlsql.model.vault;

/**
 * The kind of a masked value; the placeholder for the n-th value of a kind is
 * {@code __KIND_n__} (n counts from 1 per kind, left to right in the question).
 */
public enum SlotKind {
    /** A text value: a quoted string, a database value named by the {@link ValueIndex}, or a bound string. */
    STR,
    /** A number: integer or decimal, written with optional sign, thousands separators or a percent sign. */
    NUM,
    /** A calendar date written in a common form, normalised to ISO-8601. */
    DATE,
    /** A key-like identifier: letters mixed with digits ({@code ORD-1234}, {@code A320}), a UUID, or {@code #1234}. */
    ID;

    /** The placeholder text for the n-th slot of this kind, e.g. {@code __NUM_2__}. */
    public String placeholder(int n) {
        return "__" + name() + "_" + n + "__";
    }
}
