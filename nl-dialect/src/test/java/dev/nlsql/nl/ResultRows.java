package dev.nlsql.nl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Execution-accuracy comparison of two results: rows as multisets (in order only when the gold
 * query orders); within a row, values are compared as a sorted multiset, so column order does
 * not matter; numbers are compared after rounding to 4 decimal places (floating sums differ
 * in the last bits between equivalent queries).
 */
final class ResultRows {

    private ResultRows() {}

    static boolean same(List<List<Object>> gold, List<List<Object>> got, boolean ordered) {
        if (gold.size() != got.size()) {
            return false;
        }
        List<String> a = canonical(gold);
        List<String> b = canonical(got);
        if (!ordered) {
            a.sort(Comparator.naturalOrder());
            b.sort(Comparator.naturalOrder());
        }
        return a.equals(b);
    }

    private static List<String> canonical(List<List<Object>> rows) {
        List<String> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> vals = new ArrayList<>();
            for (Object v : row) {
                vals.add(value(v));
            }
            vals.sort(Comparator.naturalOrder());
            out.add(String.join("\u0001", vals));
        }
        return out;
    }

    private static String value(Object v) {
        if (v == null) {
            return "\u0000null";
        }
        if (v instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        return v.toString();
    }
}
