package dev.nlsql.model.nn;

import dev.nlsql.model.sql.SqlToken;
import java.util.List;
import java.util.Map;

/**
 * A featurised input: the prefix (question, then the linked schema) position by position.
 *
 * @param special special-token id per position (see {@link Featurizer})
 * @param tag linking/flag/ordinal tag per position, in {@code [0, 16)}
 * @param features hashed word features per position ({@code featuresPerWord} ids, 0 = none)
 * @param mix for marker positions, prefix positions whose input embeddings are added, with weights
 *     (a table's name words; a column's name words and its table's name words)
 * @param pointers positions a pointer may target (table and column markers, placeholders), ascending
 * @param pointerToken the SQL token each pointer position stands for
 * @param positionOf the position of a pointer token (key from {@link Featurizer#key(SqlToken)})
 */
public record Encoded(int[] special, int[] tag, int[][] features, Map<Integer, Map<Integer, Float>> mix,
        int[] pointers, Map<Integer, SqlToken> pointerToken, Map<String, Integer> positionOf) {

    /** Prefix length in positions. */
    public int length() {
        return special.length;
    }

    /** The pointer positions as a list. */
    public List<Integer> pointerList() {
        return java.util.Arrays.stream(pointers).boxed().toList();
    }
}
