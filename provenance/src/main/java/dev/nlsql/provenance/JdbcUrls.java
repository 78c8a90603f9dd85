package dev.nlsql.provenance;

import java.util.regex.Pattern;

/** JDBC URL helpers. */
public final class JdbcUrls {
    private static final Pattern USERINFO = Pattern.compile("(//)[^/@;?]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:password|pwd|passwd|secret|token|access[_-]?token|apikey|api[_-]?key|sslpassword|sslkey)=)[^&;]*");

    private JdbcUrls() {}

    /**
     * {@code url} with credentials removed: {@code user:password@} in the authority and the values
     * of {@code password}, {@code pwd}, {@code token}, {@code secret}, {@code apikey},
     * {@code sslpassword}, {@code sslkey} parameters (replaced by {@code ***}). A user name in a
     * {@code user=} parameter is kept (it is recorded separately anyway). Null gives null.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = USERINFO.matcher(url).replaceAll("$1");
        return SECRET_PARAM.matcher(s).replaceAll("$1***");
    }
}
