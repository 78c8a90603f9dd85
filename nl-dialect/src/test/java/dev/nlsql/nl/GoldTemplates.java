package dev.nlsql.nl;

import dev.nlsql.model.vault.Slot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns gold SQL with literal values into the template a perfect model would emit for the
 * masked question: each slot's literal ({@code 'Brazil'}, {@code 600000}, {@code '2021-01-01'})
 * is replaced by its placeholder, first occurrence first. Returns null when a slot's value is
 * not in the gold SQL (the question and its gold disagree about values).
 */
final class GoldTemplates {

    private GoldTemplates() {}

    static String derive(String goldSql, Map<String, Slot> slots, JdbcValueIndex values) {
        String sql = goldSql;
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            String replaced = replaceOne(sql, e.getKey(), e.getValue(), values);
            if (replaced == null) {
                return null;
            }
            sql = replaced;
        }
        return sql;
    }

    private static String replaceOne(String sql, String name, Slot slot, JdbcValueIndex values) {
        Object v = slot.value();
        if (v instanceof String s) {
            String exact = values == null ? s : values.exactValue(s).orElse(s);
            Matcher m = Pattern.compile("'" + Pattern.quote(exact.replace("'", "''")) + "'", Pattern.CASE_INSENSITIVE).matcher(sql);
            if (m.find()) {
                return sql.substring(0, m.start()) + name + sql.substring(m.end());
            }
            return null;
        }
        if (v instanceof LocalDate d) {
            String lit = "'" + d + "'";
            int i = sql.indexOf(lit);
            return i < 0 ? null : sql.substring(0, i) + name + sql.substring(i + lit.length());
        }
        if (v instanceof Number n) {
            BigDecimal want = new BigDecimal(n.toString());
            Matcher m = Pattern.compile("(?<![\\w.'%-])(\\d+(?:\\.\\d+)?)(?![\\w.'-])").matcher(sql);
            while (m.find()) {
                if (new BigDecimal(m.group(1)).compareTo(want) == 0) {
                    return sql.substring(0, m.start()) + name + sql.substring(m.end());
                }
            }
            return null;
        }
        return null;
    }
}
