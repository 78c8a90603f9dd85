package dev.nlsql.nl;

import dev.nlsql.policy.Engine;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Identifier helpers: unquoting, case-folding and quoting names for a target dialect. */
final class SqlNames {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words that must be quoted when used as a name, in any of the supported dialects. */
    private static final Set<String> RESERVED = Set.of("select", "from", "where", "group", "order",
            "by", "having", "limit", "offset", "table", "user", "index", "key", "join", "on", "as",
            "and", "or", "not", "null", "in", "is", "like", "between", "case", "when", "then",
            "else", "end", "union", "all", "distinct", "top", "values", "default", "check",
            "primary", "foreign", "references", "create", "drop", "alter", "insert", "update",
            "delete", "into", "set", "column", "constraint", "unique", "grant", "to", "with",
            "desc", "asc", "left", "right", "inner", "outer", "full", "cross", "natural", "using",
            "current_date", "current_time", "current_timestamp", "date", "time", "timestamp",
            "position", "count", "rank", "row", "rows", "window", "over", "partition");

    private SqlNames() {}

    /** Removes one level of {@code "x"}, {@code [x]} or {@code `x`} quoting. */
    static String unquote(String name) {
        if (name == null || name.length() < 2) {
            return name;
        }
        char a = name.charAt(0);
        char b = name.charAt(name.length() - 1);
        if ((a == '"' && b == '"') || (a == '`' && b == '`')) {
            return name.substring(1, name.length() - 1).replace(String.valueOf(a) + a, String.valueOf(a));
        }
        if (a == '[' && b == ']') {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    /** Case-insensitive lookup key. */
    static String key(String name) {
        return unquote(name).toLowerCase(Locale.ROOT);
    }

    /**
     * The schema to write before a table name: null (none) for SQLite and for the engines'
     * default schemas ({@code public}, {@code main}, {@code dbo}, any case), else the rendered
     * schema name.
     */
    static String schemaQualifier(String schema, Engine engine) {
        if (schema == null || engine == Engine.SQLITE) {
            return null;
        }
        String k = schema.toLowerCase(Locale.ROOT);
        if (k.equals("public") || k.equals("main") || k.equals("dbo")) {
            return null;
        }
        return render(schema, engine);
    }

    /**
     * The name as the target must see it: bare where the engine would resolve the bare word to
     * the same object, else quoted ({@code [x]} on SQL Server, {@code "x"} elsewhere).
     */
    static String render(String exactName, Engine engine) {
        boolean plain = PLAIN.matcher(exactName).matches()
                && !RESERVED.contains(exactName.toLowerCase(Locale.ROOT));
        if (plain) {
            switch (engine) {
                case POSTGRESQL -> plain = exactName.equals(exactName.toLowerCase(Locale.ROOT));
                case H2 -> plain = exactName.equals(exactName.toUpperCase(Locale.ROOT));
                default -> { }
            }
        }
        if (plain) {
            return exactName;
        }
        if (engine == Engine.SQLSERVER) {
            return "[" + exactName.replace("]", "]]") + "]";
        }
        return "\"" + exactName.replace("\"", "\"\"") + "\"";
    }
}
