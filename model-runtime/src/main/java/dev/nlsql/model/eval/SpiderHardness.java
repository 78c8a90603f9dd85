package dev.nlsql.model.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Spider's hardness classification of a gold query, a line-by-line port of
 * {@code eval_hardness}, {@code count_component1}, {@code count_component2},
 * {@code count_others} and {@code get_nestedSQL} in the official evaluation script
 * (taoyds/spider, {@code evaluation.py}; the same code is in taoyds/test-suite-sql-eval).
 *
 * <p>Input is Spider's parsed SQL (the {@code sql} object of {@code dev.json}). The port keeps
 * the script's quirks so that the levels match the published counts (dev: 248 easy, 446
 * medium, 174 hard, 166 extra): {@code count_agg} over WHERE/HAVING condition units tests
 * their first element (the NOT flag), and over HAVING it also counts the {@code and}/{@code or}
 * connectors.
 */
public final class SpiderHardness {

    /** {@code WHERE_OPS.index('like')} in Spider's {@code process_sql.py}. */
    private static final int WHERE_OP_LIKE = 9;

    private SpiderHardness() {}

    /**
     * Classifies one parsed query.
     *
     * @param sql Spider's parsed SQL object
     * @return easy, medium, hard or extra
     */
    public static Hardness classify(JsonNode sql) {
        int comp1 = countComponent1(sql);
        int comp2 = countComponent2(sql);
        int others = countOthers(sql);
        if (comp1 <= 1 && others == 0 && comp2 == 0) {
            return Hardness.EASY;
        } else if ((others <= 2 && comp1 <= 1 && comp2 == 0) || (comp1 <= 2 && others < 2 && comp2 == 0)) {
            return Hardness.MEDIUM;
        } else if ((others > 2 && comp1 <= 2 && comp2 == 0)
                || (2 < comp1 && comp1 <= 3 && others <= 2 && comp2 == 0)
                || (comp1 <= 1 && others == 0 && comp2 <= 1)) {
            return Hardness.HARD;
        }
        return Hardness.EXTRA;
    }

    static int countComponent1(JsonNode sql) {
        int count = 0;
        if (sql.get("where").size() > 0) {
            count++;
        }
        if (sql.get("groupBy").size() > 0) {
            count++;
        }
        if (sql.get("orderBy").size() > 0) {
            count++;
        }
        if (!sql.get("limit").isNull()) {
            count++;
        }
        int tableUnits = sql.get("from").get("table_units").size();
        if (tableUnits > 0) {
            count += tableUnits - 1;
        }
        List<JsonNode> connectors = new ArrayList<>();
        connectors.addAll(odd(sql.get("from").get("conds")));
        connectors.addAll(odd(sql.get("where")));
        connectors.addAll(odd(sql.get("having")));
        for (JsonNode t : connectors) {
            if (t.isTextual() && t.asText().equals("or")) {
                count++;
            }
        }
        for (JsonNode cond : condUnits(sql)) {
            if (cond.get(1).asInt() == WHERE_OP_LIKE) {
                count++;
            }
        }
        return count;
    }

    static int countComponent2(JsonNode sql) {
        return nestedSql(sql).size();
    }

    static int countOthers(JsonNode sql) {
        int count = 0;
        int agg = countAgg(iter(sql.get("select").get(1)));
        agg += countAgg(even(sql.get("where")));
        agg += countAgg(iter(sql.get("groupBy")));
        JsonNode orderBy = sql.get("orderBy");
        if (orderBy.size() > 0) {
            List<JsonNode> units = new ArrayList<>();
            for (JsonNode valUnit : orderBy.get(1)) {
                if (truthy(valUnit.get(1))) {
                    units.add(valUnit.get(1));
                }
            }
            for (JsonNode valUnit : orderBy.get(1)) {
                if (truthy(valUnit.get(2))) {
                    units.add(valUnit.get(2));
                }
            }
            agg += countAgg(units);
        }
        agg += countAgg(iter(sql.get("having")));
        if (agg > 1) {
            count++;
        }
        if (sql.get("select").get(1).size() > 1) {
            count++;
        }
        if (sql.get("where").size() > 1) {
            count++;
        }
        if (sql.get("groupBy").size() > 1) {
            count++;
        }
        return count;
    }

    /** {@code get_nestedSQL}: sub-queries in conditions plus INTERSECT/EXCEPT/UNION parts. */
    static List<JsonNode> nestedSql(JsonNode sql) {
        List<JsonNode> nested = new ArrayList<>();
        for (JsonNode cond : condUnits(sql)) {
            if (cond.get(3) != null && cond.get(3).isObject()) {
                nested.add(cond.get(3));
            }
            if (cond.get(4) != null && cond.get(4).isObject()) {
                nested.add(cond.get(4));
            }
        }
        for (String set : new String[] {"intersect", "except", "union"}) {
            JsonNode n = sql.get(set);
            if (n != null && !n.isNull()) {
                nested.add(n);
            }
        }
        return nested;
    }

    private static List<JsonNode> condUnits(JsonNode sql) {
        List<JsonNode> conds = new ArrayList<>();
        conds.addAll(even(sql.get("from").get("conds")));
        conds.addAll(even(sql.get("where")));
        conds.addAll(even(sql.get("having")));
        return conds;
    }

    /** {@code count_agg}: units whose first element differs from 0 ({@code AGG_OPS 'none'}). */
    private static int countAgg(List<JsonNode> units) {
        int n = 0;
        for (JsonNode u : units) {
            if (hasAgg(u)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Python's {@code unit[0] != 0}: a string's first character is never 0, a boolean NOT flag
     * counts when true, a number when non-zero.
     */
    private static boolean hasAgg(JsonNode unit) {
        if (unit.isTextual()) {
            return !unit.asText().isEmpty();
        }
        JsonNode first = unit.get(0);
        if (first == null || first.isNull()) {
            return true;
        }
        if (first.isBoolean()) {
            return first.booleanValue();
        }
        if (first.isNumber()) {
            return first.doubleValue() != 0;
        }
        return true;
    }

    private static boolean truthy(JsonNode n) {
        return n != null && !n.isNull() && !(n.isArray() && n.size() == 0);
    }

    private static List<JsonNode> iter(JsonNode arr) {
        List<JsonNode> out = new ArrayList<>();
        arr.forEach(out::add);
        return out;
    }

    private static List<JsonNode> even(JsonNode arr) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i += 2) {
            out.add(arr.get(i));
        }
        return out;
    }

    private static List<JsonNode> odd(JsonNode arr) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 1; i < arr.size(); i += 2) {
            out.add(arr.get(i));
        }
        return out;
    }
}
