package dev.nlsql.model.vault;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Known text values of database columns, supplied by a caller that can read the database (the
 * model runtime itself never opens one). The {@link IdVault} masks a span of the question as a
 * {@code STR} value when the index knows it.
 */
public interface ValueIndex {

    /**
     * The column holding this text value.
     *
     * @param text a span of the question, as written (whitespace already collapsed)
     * @return {@code table.column} whose values include {@code text} (case-insensitive), or empty
     */
    Optional<String> columnFor(String text);

    /** The longest value worth probing, in words (spans longer than this are not tried). */
    default int maxWords() {
        return 6;
    }

    /**
     * An index over fixed values.
     *
     * @param columnValues {@code table.column} to its distinct text values; when two columns share
     *     a value, the first column in iteration order wins
     */
    static ValueIndex of(Map<String, ? extends Collection<String>> columnValues) {
        Map<String, String> byValue = new HashMap<>();
        int longest = 1;
        for (Map.Entry<String, ? extends Collection<String>> e : columnValues.entrySet()) {
            for (String v : e.getValue()) {
                if (v == null) {
                    continue;
                }
                String key = normalise(v);
                if (key.isEmpty()) {
                    continue;
                }
                byValue.putIfAbsent(key, e.getKey());
                longest = Math.max(longest, key.split(" ").length);
            }
        }
        int max = Math.min(longest, 8);
        return new ValueIndex() {
            @Override
            public Optional<String> columnFor(String text) {
                return Optional.ofNullable(byValue.get(normalise(text)));
            }

            @Override
            public int maxWords() {
                return max;
            }
        };
    }

    /** Lower case (root locale), whitespace collapsed, trimmed: how values are compared. */
    static String normalise(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
