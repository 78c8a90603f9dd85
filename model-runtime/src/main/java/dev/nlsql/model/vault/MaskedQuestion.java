package dev.nlsql.model.vault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A question with its values replaced by placeholders.
 *
 * @param text the masked question, e.g. {@code customers in __STR_1__ with more than __NUM_1__ orders}
 * @param slots placeholder name ({@code __NUM_1__}) to its slot, in order of appearance in
 *     {@code text}
 */
public record MaskedQuestion(String text, LinkedHashMap<String, Slot> slots) {

    /** Placeholder name to kind name ({@code STR}, {@code NUM}, {@code DATE}, {@code ID}), as a {@code TranslationRequest} wants it. */
    public Map<String, String> placeholderKinds() {
        Map<String, String> m = new LinkedHashMap<>();
        slots.forEach((k, v) -> m.put(k, v.kind().name()));
        return m;
    }
}
