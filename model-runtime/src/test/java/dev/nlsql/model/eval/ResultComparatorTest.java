package dev.nlsql.model.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {

    private static List<List<Object>> rows(Object[]... rows) {
        return Arrays.stream(rows).map(Arrays::asList).toList();
    }

    @Test
    void multisetIgnoresOrderButCountsDuplicates() {
        var gold = rows(new Object[] {"a", 1}, new Object[] {"b", 2}, new Object[] {"b", 2});
        assertTrue(ResultComparator.sameResult(gold, rows(new Object[] {"b", 2}, new Object[] {"a", 1}, new Object[] {"b", 2}), false));
        assertFalse(ResultComparator.sameResult(gold, rows(new Object[] {"a", 1}, new Object[] {"a", 1}, new Object[] {"b", 2}), false));
        assertFalse(ResultComparator.sameResult(gold, rows(new Object[] {"a", 1}, new Object[] {"b", 2}), false));
    }

    @Test
    void orderMattersOnlyWhenAsked() {
        var gold = rows(new Object[] {1}, new Object[] {2});
        var reversed = rows(new Object[] {2}, new Object[] {1});
        assertTrue(ResultComparator.sameResult(gold, reversed, false));
        assertFalse(ResultComparator.sameResult(gold, reversed, true));
        assertTrue(ResultComparator.sameResult(gold, rows(new Object[] {1}, new Object[] {2}), true));
    }

    @Test
    void numbersCompareByValueAndColumnsMayBePermuted() {
        assertTrue(ResultComparator.sameResult(rows(new Object[] {1, "x"}), rows(new Object[] {"x", 1.0}), false));
        assertTrue(ResultComparator.sameResult(rows(new Object[] {0.1 + 0.2}), rows(new Object[] {0.3}), false));
        assertFalse(ResultComparator.sameResult(rows(new Object[] {1, "x"}), rows(new Object[] {1, "y"}), false));
        assertFalse(ResultComparator.sameResult(rows(new Object[] {1}), rows(new Object[] {1, 1}), false));
        assertTrue(ResultComparator.sameResult(rows(), rows(), true));
        assertTrue(ResultComparator.sameResult(rows(new Object[] {null, 2L}), rows(new Object[] {null, 2}), true));
    }

    @Test
    void permutationMustHoldRowWise() {
        // columns have the same value sets but the pairing differs
        var gold = rows(new Object[] {1, 1}, new Object[] {2, 2});
        var pred = rows(new Object[] {1, 2}, new Object[] {2, 1});
        assertFalse(ResultComparator.sameResult(gold, pred, false));
    }
}
