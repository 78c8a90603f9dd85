package dev.nlsql.model.sql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed keyword vocabulary of the canonical SQL: everything the model emits that is not a
 * pointer to a table, column or placeholder. {@code N0}..{@code N10} are small integer
 * literals (as in {@code LIMIT 1}); {@code LIKE_CONTAINS}, {@code LIKE_PREFIX} and
 * {@code LIKE_SUFFIX} take a placeholder and render as {@code LIKE '%' || p || '%'} and so on.
 */
public final class Keywords {

    /** All keywords; index 0 is the end of the statement. */
    public static final List<String> ALL = List.of(
            "EOS", "SELECT", "DISTINCT", "FROM", "JOIN", "ON", "WHERE", "GROUP_BY", "HAVING", "ORDER_BY",
            "ASC", "DESC", "LIMIT", "AND", "OR", "NOT", "IN", "LIKE", "BETWEEN", "IS", "NULL",
            "INTERSECT", "UNION", "EXCEPT", "COUNT", "SUM", "AVG", "MIN", "MAX", "(", ")", ",", "*",
            "=", "!=", "<", ">", "<=", ">=", "+", "-", "/", "LIKE_CONTAINS", "LIKE_PREFIX", "LIKE_SUFFIX",
            "N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N10");

    private static final Map<String, Integer> IDS = new HashMap<>();

    static {
        for (int i = 0; i < ALL.size(); i++) {
            IDS.put(ALL.get(i), i);
        }
    }

    /** Index 0: end of statement. */
    public static final int EOS = 0;

    private Keywords() {}

    /** Index of a keyword; throws {@link IllegalArgumentException} for an unknown name. */
    public static int id(String name) {
        Integer i = IDS.get(name);
        if (i == null) {
            throw new IllegalArgumentException("not a canonical SQL keyword: " + name);
        }
        return i;
    }

    /** True if the name is a keyword. */
    public static boolean contains(String name) {
        return IDS.containsKey(name);
    }

    /** Number of keywords. */
    public static int size() {
        return ALL.size();
    }
}
