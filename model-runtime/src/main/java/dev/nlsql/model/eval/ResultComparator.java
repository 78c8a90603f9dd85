package dev.nlsql.model.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Execution-accuracy comparison of two result tables, following {@code result_eq} in
 * taoyds/test-suite-sql-eval ({@code exec_eval.py}), the script behind Spider's execution
 * accuracy: the same number of rows and columns; rows compared as multisets, or as sequences
 * when the gold query orders; columns may appear in another order (each permutation that maps
 * a column onto one with the same set of values is tried).
 *
 * <p>Values are normalised first: every number becomes a {@link BigDecimal} rounded to 12
 * significant digits with trailing zeros stripped (so SQLite's {@code 1} and {@code 1.0}
 * compare equal), {@code byte[]} becomes its hex text, other values compare with
 * {@link Object#equals}.
 */
public final class ResultComparator {

    private static final MathContext DIGITS = new MathContext(12);

    private ResultComparator() {}

    /**
     * Compares a predicted result with the gold result.
     *
     * @param gold the gold rows (each row a list of column values, JDBC objects)
     * @param predicted the predicted rows
     * @param orderMatters whether rows must appear in the same order (gold has ORDER BY)
     * @return whether the results denote the same answer
     */
    public static boolean sameResult(List<List<Object>> gold, List<List<Object>> predicted, boolean orderMatters) {
        if (gold.isEmpty() && predicted.isEmpty()) {
            return true;
        }
        if (gold.size() != predicted.size()) {
            return false;
        }
        int cols = gold.get(0).size();
        if (predicted.get(0).size() != cols) {
            return false;
        }
        List<List<Object>> g = normalise(gold);
        List<List<Object>> p = normalise(predicted);
        List<Set<Object>> goldColumnSets = columnSets(g, cols);
        List<Set<Object>> predColumnSets = columnSets(p, cols);
        List<List<Integer>> choices = new ArrayList<>();
        for (int i = 0; i < cols; i++) {
            List<Integer> js = new ArrayList<>();
            for (int j = 0; j < cols; j++) {
                if (goldColumnSets.get(i).equals(predColumnSets.get(j))) {
                    js.add(j);
                }
            }
            if (js.isEmpty()) {
                return false;
            }
            choices.add(js);
        }
        return tryPermutations(g, p, orderMatters, choices, new int[cols], new boolean[cols], 0);
    }

    private static boolean tryPermutations(List<List<Object>> g, List<List<Object>> p, boolean ordered,
            List<List<Integer>> choices, int[] perm, boolean[] used, int col) {
        if (col == perm.length) {
            List<List<Object>> permuted = new ArrayList<>(p.size());
            for (List<Object> row : p) {
                Object[] r = new Object[perm.length];
                for (int i = 0; i < perm.length; i++) {
                    r[i] = row.get(perm[i]);
                }
                permuted.add(Arrays.asList(r));
            }
            return ordered ? g.equals(permuted) : multiset(g).equals(multiset(permuted));
        }
        for (int j : choices.get(col)) {
            if (!used[j]) {
                used[j] = true;
                perm[col] = j;
                if (tryPermutations(g, p, ordered, choices, perm, used, col + 1)) {
                    return true;
                }
                used[j] = false;
            }
        }
        return false;
    }

    private static Map<List<Object>, Integer> multiset(List<List<Object>> rows) {
        Map<List<Object>, Integer> m = new HashMap<>();
        for (List<Object> r : rows) {
            m.merge(r, 1, Integer::sum);
        }
        return m;
    }

    private static List<Set<Object>> columnSets(List<List<Object>> rows, int cols) {
        List<Set<Object>> sets = new ArrayList<>();
        for (int i = 0; i < cols; i++) {
            Set<Object> s = new HashSet<>();
            for (List<Object> r : rows) {
                s.add(r.get(i));
            }
            sets.add(s);
        }
        return sets;
    }

    private static List<List<Object>> normalise(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>(row.size());
            for (Object v : row) {
                r.add(normaliseValue(v));
            }
            out.add(r);
        }
        return out;
    }

    /** The comparison form of one value (see the class comment). */
    static Object normaliseValue(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            BigDecimal d;
            if (v instanceof Double || v instanceof Float) {
                double x = n.doubleValue();
                if (Double.isNaN(x) || Double.isInfinite(x)) {
                    return x;
                }
                d = new BigDecimal(x);
            } else if (v instanceof BigDecimal b) {
                d = b;
            } else {
                d = new BigDecimal(n.toString());
            }
            BigDecimal r = d.round(DIGITS).stripTrailingZeros();
            return r.signum() == 0 ? BigDecimal.ZERO : r;
        }
        if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("x'");
            for (byte x : b) {
                sb.append(String.format("%02x", x));
            }
            return sb.append('\'').toString();
        }
        return v;
    }

}
