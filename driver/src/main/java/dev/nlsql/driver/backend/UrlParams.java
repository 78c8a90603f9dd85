package dev.nlsql.driver.backend;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Edits the options of a target URL in either style: query style ({@code base?a=1&b=2},
 * SQLite file URIs, DuckDB, PostgreSQL) or settings style ({@code base;A=1;B=2}, H2 and SQL
 * Server, where a backslash escapes a semicolon inside a value).
 */
final class UrlParams {

    record Param(String key, String value) {}

    private final String base;
    private final List<Param> params;
    private final char separator;

    private UrlParams(String base, List<Param> params, char separator) {
        this.base = base;
        this.params = params;
        this.separator = separator;
    }

    /** {@code base?k=v&k=v}; values stay URL-encoded. */
    static UrlParams query(String url) {
        int q = url.indexOf('?');
        List<Param> ps = new ArrayList<>();
        if (q < 0) {
            return new UrlParams(url, ps, '&');
        }
        for (String kv : url.substring(q + 1).split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            ps.add(eq < 0 ? new Param(kv, null) : new Param(kv.substring(0, eq), kv.substring(eq + 1)));
        }
        return new UrlParams(url.substring(0, q), ps, '&');
    }

    /** {@code base;K=V;K=V} with {@code \;} escapes (H2, SQL Server). */
    static UrlParams settings(String url) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '\\' && i + 1 < url.length()) {
                cur.append(c).append(url.charAt(++i));
            } else if (c == ';') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        List<Param> ps = new ArrayList<>();
        for (String kv : parts.subList(1, parts.size())) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            ps.add(eq < 0 ? new Param(kv.trim(), null) : new Param(kv.substring(0, eq).trim(), kv.substring(eq + 1)));
        }
        return new UrlParams(parts.get(0), ps, ';');
    }

    String base() {
        return base;
    }

    /** The first value of {@code key} (case-insensitive), decoded for query style, or null. */
    String get(String key) {
        for (Param p : params) {
            if (p.key.equalsIgnoreCase(key)) {
                return p.value == null ? "" : separator == '&' ? URLDecoder.decode(p.value, StandardCharsets.UTF_8) : p.value;
            }
        }
        return null;
    }

    /** Removes every key in {@code keys} (compared case-insensitively); returns the removed names. */
    List<String> remove(Set<String> lowerCaseKeys) {
        List<String> removed = new ArrayList<>();
        params.removeIf(p -> {
            boolean r = lowerCaseKeys.contains(p.key.toLowerCase(Locale.ROOT));
            if (r) {
                removed.add(p.key);
            }
            return r;
        });
        return removed;
    }

    /** Sets {@code key} (replacing any value), raw text (the caller encodes). */
    void put(String key, String value) {
        params.removeIf(p -> p.key.equalsIgnoreCase(key));
        params.add(new Param(key, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(base);
        boolean first = true;
        for (Param p : params) {
            sb.append(separator == '&' ? (first ? '?' : '&') : ';');
            first = false;
            sb.append(p.key);
            if (p.value != null) {
                sb.append('=').append(p.value);
            }
        }
        return sb.toString();
    }

    /**
     * A copy of {@code source} without the keys in {@code lowerCaseKeys} (compared
     * case-insensitively); {@code source} is not modified.
     */
    static Properties copyWithout(Properties source, Set<String> lowerCaseKeys) {
        Properties copy = new Properties();
        copy.putAll(source);
        removeFrom(copy, lowerCaseKeys);
        return copy;
    }

    /** Removes keys (case-insensitively) from properties; returns the removed names. */
    static List<String> removeFrom(Properties props, Set<String> lowerCaseKeys) {
        List<String> removed = new ArrayList<>();
        for (String k : props.stringPropertyNames()) {
            if (lowerCaseKeys.contains(k.toLowerCase(Locale.ROOT))) {
                props.remove(k);
                removed.add(k);
            }
        }
        return removed;
    }
}
