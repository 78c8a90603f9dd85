package dev.nlsql.model.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders ({@code __STR_1__}, {@code __NUM_2__}, {@code __DATE_1__}, {@code __ID_1__}) in
 * generated SQL: which ones it uses, whether they are exactly the ones given, and the JDBC form
 * with {@code ?} markers.
 */
public final class PlaceholderSql {

    /** A well-formed placeholder: kind and 1-based number. */
    public static final Pattern PLACEHOLDER = Pattern.compile("__(ID|STR|NUM|DATE)_(\\d+)__");

    /** Anything shaped like a placeholder, including invented kinds ({@code __VAL_1__}). */
    private static final Pattern PLACEHOLDER_LIKE = Pattern.compile("__[A-Za-z]+_?\\d+__");

    private PlaceholderSql() {}

    /**
     * The SQL as a JDBC statement and the placeholder bound to each {@code ?}, in order.
     *
     * @param sql generated SQL with placeholders written bare ({@code x = __STR_1__}) or quoted
     *     ({@code x = '__STR_1__'}, or inside a pattern such as {@code '%__STR_1__%'}, which
     *     becomes {@code ('%' || ? || '%')})
     * @param parameters placeholder names, one per {@code ?} in {@code sql}, in order
     */
    public record JdbcSql(String sql, List<String> parameters) {}

    /**
     * Rewrites placeholders to {@code ?} markers. Text inside double-quoted identifiers is left
     * alone; a single-quoted literal that contains placeholders is rewritten as a concatenation
     * of its fixed parts and markers ({@code ||}, standard SQL).
     *
     * @param sql the generated SQL
     * @return the JDBC SQL and the placeholder order
     */
    public static JdbcSql toJdbc(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> params = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                StringBuilder lit = new StringBuilder();
                while (end < n) {
                    char d = sql.charAt(end);
                    if (d == '\'') {
                        if (end + 1 < n && sql.charAt(end + 1) == '\'') {
                            lit.append('\'');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    lit.append(d);
                    end++;
                }
                String body = lit.toString();
                Matcher m = PLACEHOLDER.matcher(body);
                if (!m.find()) {
                    out.append(sql, i, Math.min(end + 1, n));
                } else {
                    out.append(literalWithMarkers(body, params));
                }
                i = end + 1;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                end = end < 0 ? n - 1 : end;
                out.append(sql, i, end + 1);
                i = end + 1;
            } else {
                Matcher m = PLACEHOLDER.matcher(sql).region(i, n);
                if (m.lookingAt()) {
                    out.append('?');
                    params.add(m.group());
                    i = m.end();
                } else {
                    out.append(c);
                    i++;
                }
            }
        }
        return new JdbcSql(out.toString(), params);
    }

    private static String literalWithMarkers(String body, List<String> params) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(body);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(quote(body.substring(last, m.start())));
            }
            parts.add("?");
            params.add(m.group());
            last = m.end();
        }
        if (last < body.length()) {
            parts.add(quote(body.substring(last)));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" || ", parts) + ")";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * The placeholder-shaped tokens the SQL uses, well-formed or not, in first-use order.
     *
     * @param sql generated SQL
     * @return distinct tokens such as {@code __STR_1__}
     */
    public static Set<String> used(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER_LIKE.matcher(sql);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * Whether the SQL uses exactly the given placeholders: each at least once, no other
     * placeholder-shaped token.
     *
     * @param sql generated SQL
     * @param given the placeholder names of the request
     */
    public static boolean exact(String sql, Set<String> given) {
        return used(sql).equals(Set.copyOf(given));
    }
}
