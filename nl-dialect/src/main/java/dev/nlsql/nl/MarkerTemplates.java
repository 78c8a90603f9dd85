package dev.nlsql.nl;

import java.util.List;

/** Turns SQL with {@code ?} markers back into template SQL with placeholder names. */
final class MarkerTemplates {

    private MarkerTemplates() {}

    /**
     * Replaces the i-th {@code ?} outside string literals, quoted identifiers and comments by
     * {@code names.get(i)}.
     *
     * @return the template, or null when the number of markers differs from {@code names.size()}
     */
    static String toTemplate(String sql, List<String> names) {
        StringBuilder out = new StringBuilder(sql.length() + 16 * names.size());
        int k = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == close) {
                        if (close != ']' && j + 1 < n && sql.charAt(j + 1) == close) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                int end = Math.min(n, j + 1);
                out.append(sql, i, end);
                i = end - 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int j = sql.indexOf('\n', i);
                j = j < 0 ? n : j;
                out.append(sql, i, j);
                i = j - 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int j = sql.indexOf("*/", i + 2);
                j = j < 0 ? n : j + 2;
                out.append(sql, i, j);
                i = j - 1;
            } else if (c == '?') {
                if (k >= names.size() || names.get(k) == null) {
                    return null;
                }
                out.append(names.get(k++));
            } else {
                out.append(c);
            }
        }
        return k == names.size() ? out.toString() : null;
    }
}
