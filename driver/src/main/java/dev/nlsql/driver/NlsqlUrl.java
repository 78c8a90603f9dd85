package dev.nlsql.driver;

import java.sql.SQLException;
import java.util.Locale;

/**
 * A {@code jdbc:nlsql:} URL: {@code jdbc:nlsql:} followed by the target driver's URL without
 * its {@code jdbc:} (as P6Spy's {@code jdbc:p6spy:} does).
 *
 * @param targetUrl the target driver's URL, with {@code jdbc:} ({@code jdbc:sqlite:/x.db})
 * @param target the same without {@code jdbc:} ({@code sqlite:/x.db})
 */
public record NlsqlUrl(String targetUrl, String target) {

    public static final String PREFIX = "jdbc:nlsql:";

    /** Whether {@code url} starts with {@code jdbc:nlsql:} (case-insensitive), null-safe. */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Parses a URL accepted by {@link #accepts}.
     *
     * @throws SQLException 08001 when no target sub-protocol follows ({@code jdbc:nlsql:},
     *     {@code jdbc:nlsql:foo}) or the target is itself an nlsql URL
     */
    public static NlsqlUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw SqlStates.connectionFailed("not an nlsql URL (expected jdbc:nlsql:<target URL without jdbc:>): " + url, null);
        }
        String rest = url.substring(PREFIX.length()).trim();
        int colon = rest.indexOf(':');
        if (rest.isEmpty() || colon <= 0 || !rest.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.\\-]*")) {
            throw SqlStates.connectionFailed("malformed nlsql URL '" + url
                    + "': expected jdbc:nlsql:<target URL without jdbc:>, e.g. jdbc:nlsql:sqlite:/data/Chinook.sqlite", null);
        }
        if (rest.toLowerCase(Locale.ROOT).startsWith("nlsql:") || rest.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            throw SqlStates.connectionFailed("malformed nlsql URL '" + url
                    + "': the target must not repeat jdbc: or nlsql:", null);
        }
        return new NlsqlUrl("jdbc:" + rest, rest);
    }

    /** The target URL with user, password and other secrets removed, for logs and provenance. */
    public String redactedTargetUrl() {
        return redact(targetUrl);
    }

    /** {@code url} with the values of password/user-like parameters replaced by {@code ***}. */
    public static String redact(String url) {
        return url.replaceAll("(?i)((?:password|passwd|pwd|user|username|secret|token|sslpassword)=)[^&;]*", "$1***");
    }
}
