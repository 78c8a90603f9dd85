package dev.nlsql.nl;

import dev.nlsql.policy.Engine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Replaces placeholders in rendered SQL text by {@code ?} markers, left to right, and reports
 * which placeholder each marker binds. Works on tokens, so text inside comments and quoted
 * identifiers is never touched. A placeholder may appear as a bare word ({@code x = __NUM_1__})
 * or as a whole string literal ({@code x = '__STR_1__'}); a placeholder inside a longer string
 * literal ({@code LIKE '%__STR_1__%'}) becomes a concatenation ({@code ('%' || ? || '%')},
 * {@code +} on SQL Server) so the value is still bound, never spliced.
 */
final class PlaceholderBinder {

    /**
     * The outcome of binding.
     *
     * @param sql the SQL with {@code ?} markers
     * @param order placeholder names (canonical upper case) in the order of the markers
     * @param found distinct placeholders seen
     */
    record Bound(String sql, List<String> order, Set<String> found) {}

    private PlaceholderBinder() {}

    /** Binds the placeholders of {@code sql}; the caller compares {@code found} with what it expects. */
    static Bound bind(String sql, Engine engine) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> order = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int j = endOfQuoted(sql, i, '\'');
                String literal = sql.substring(i + 1, j - 1).replace("''", "'");
                out.append(bindInLiteral(sql.substring(i, j), literal, engine, order, found));
                i = j;
            } else if (c == '"' || c == '`') {
                int j = endOfQuoted(sql, i, c);
                out.append(sql, i, j);
                i = j;
            } else if (c == '[') {
                int j = sql.indexOf(']', i);
                j = j < 0 ? n : j + 1;
                out.append(sql, i, j);
                i = j;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int j = sql.indexOf('\n', i);
                j = j < 0 ? n : j;
                out.append(sql, i, j);
                i = j;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int j = sql.indexOf("*/", i + 2);
                j = j < 0 ? n : j + 2;
                out.append(sql, i, j);
                i = j;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                String word = sql.substring(i, j);
                if (Placeholders.isPlaceholder(word)) {
                    String p = Placeholders.canonical(word);
                    order.add(p);
                    found.add(p);
                    out.append('?');
                } else {
                    out.append(word);
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Bound(out.toString(), List.copyOf(order), Set.copyOf(found));
    }

    private static int endOfQuoted(String sql, int start, char q) {
        int j = start + 1;
        while (j < sql.length()) {
            if (sql.charAt(j) == q) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return sql.length();
    }

    private static String bindInLiteral(String raw, String literal, Engine engine, List<String> order,
            Set<String> found) {
        Matcher m = Placeholders.TOKEN.matcher(literal);
        if (!m.find()) {
            return raw;
        }
        String concat = engine == Engine.SQLSERVER ? " + " : " || ";
        List<String> parts = new ArrayList<>();
        int last = 0;
        m.reset();
        while (m.find()) {
            if (m.start() > last) {
                parts.add(quote(literal.substring(last, m.start())));
            }
            String p = Placeholders.canonical(m.group());
            order.add(p);
            found.add(p);
            parts.add("?");
            last = m.end();
        }
        if (last < literal.length()) {
            parts.add(quote(literal.substring(last)));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return "(" + String.join(concat, parts) + ")";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
