package dev.nlsql.policy.internal;

import dev.nlsql.policy.Engine;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.StatementKind;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at the first keywords of a statement, before any parsing, for two things only:
 * transaction control (recognised by an exact pattern and re-rendered as canonical text), and a
 * precise refusal message for engine statements the parsers cannot read anyway (ATTACH, PRAGMA,
 * COPY, INSTALL, RUNSCRIPT, xerial's {@code backup to}, ...). It is not a wall: whatever it does
 * not refuse still has to pass the parsers and the tree checks.
 */
public final class StatementHead {

    private static final Pattern TRANSACTION = Pattern.compile(
            "(?i)\\s*(BEGIN(?:\\s+(?:TRANSACTION|WORK|DEFERRED(?:\\s+TRANSACTION)?))?"
                    + "|START\\s+TRANSACTION(?:\\s+READ\\s+ONLY)?"
                    + "|COMMIT(?:\\s+(?:WORK|TRANSACTION))?|END(?:\\s+TRANSACTION)?"
                    + "|ROLLBACK(?:\\s+(?:WORK|TRANSACTION))?"
                    + "|SAVEPOINT\\s+[A-Za-z_][A-Za-z0-9_]*"
                    + "|RELEASE(?:\\s+SAVEPOINT)?\\s+[A-Za-z_][A-Za-z0-9_]*"
                    + "|ROLLBACK(?:\\s+(?:WORK|TRANSACTION))?\\s+TO(?:\\s+SAVEPOINT)?\\s+[A-Za-z_][A-Za-z0-9_]*)"
                    + "\\s*;?\\s*");

    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("ATTACH", "opens or creates another database file"),
            Map.entry("DETACH", "changes the attached databases"),
            Map.entry("PRAGMA", "reads or changes engine settings (use the pragma_* table functions to read metadata)"),
            Map.entry("VACUUM", "rewrites the database or writes a file (VACUUM INTO)"),
            Map.entry("ANALYZE", "writes statistics"),
            Map.entry("REINDEX", "rewrites indexes"),
            Map.entry("BACKUP", "writes a file (xerial driver command)"),
            Map.entry("RESTORE", "overwrites the database (xerial driver command)"),
            Map.entry("COPY", "reads or writes files or runs programs"),
            Map.entry("EXPORT", "writes files"),
            Map.entry("IMPORT", "reads files"),
            Map.entry("INSTALL", "installs extensions"),
            Map.entry("LOAD", "loads extensions"),
            Map.entry("FORCE", "installs extensions"),
            Map.entry("USE", "changes the default database"),
            Map.entry("SET", "changes settings"),
            Map.entry("RESET", "changes settings"),
            Map.entry("CALL", "runs procedures or table functions"),
            Map.entry("EXEC", "runs procedures or dynamic SQL"),
            Map.entry("EXECUTE", "runs procedures or dynamic SQL"),
            Map.entry("DECLARE", "declares variables for a batch"),
            Map.entry("WAITFOR", "sleeps"),
            Map.entry("BULK", "reads files"),
            Map.entry("DO", "runs procedural code"),
            Map.entry("SHUTDOWN", "stops the database"),
            Map.entry("RUNSCRIPT", "runs a script from a file or URL"),
            Map.entry("SCRIPT", "dumps the database, including password hashes"),
            Map.entry("CHECKPOINT", "writes the database"),
            Map.entry("GRANT", "changes privileges"),
            Map.entry("REVOKE", "changes privileges"),
            Map.entry("LOCK", "takes locks"),
            Map.entry("LISTEN", "session state"),
            Map.entry("UNLISTEN", "session state"),
            Map.entry("NOTIFY", "sends notifications"),
            Map.entry("PREPARE", "server-side prepared statements"),
            Map.entry("DEALLOCATE", "server-side prepared statements"),
            Map.entry("DISCARD", "session state"),
            Map.entry("CLUSTER", "rewrites tables"),
            Map.entry("REFRESH", "rewrites materialized views"),
            Map.entry("ALTER", "changes the schema"),
            Map.entry("COMMENT", "changes the schema"),
            Map.entry("RENAME", "changes the schema"),
            Map.entry("REPLACE", "writes rows"),
            Map.entry("UPSERT", "writes rows"),
            Map.entry("MERGE", "writes rows"),
            Map.entry("SUMMARIZE", "engine command"),
            Map.entry("SHOW", "engine command (query information_schema instead)"));

    private static final Map<String, String> REFUSED_CREATE = Map.ofEntries(
            Map.entry("TRIGGER", "runs code on writes"),
            Map.entry("ALIAS", "defines Java code (H2)"),
            Map.entry("AGGREGATE", "defines code"),
            Map.entry("LINKED", "links a remote database (H2)"),
            Map.entry("SECRET", "stores credentials (DuckDB)"),
            Map.entry("PERSISTENT", "stores credentials (DuckDB)"),
            Map.entry("MACRO", "defines code (DuckDB)"),
            Map.entry("FUNCTION", "defines code"),
            Map.entry("PROCEDURE", "defines code"),
            Map.entry("EXTENSION", "loads extensions"),
            Map.entry("SEQUENCE", "creates sequences"),
            Map.entry("SCHEMA", "changes the schema"),
            Map.entry("DATABASE", "creates databases"),
            Map.entry("USER", "changes users"),
            Map.entry("ROLE", "changes roles"),
            Map.entry("DOMAIN", "changes the schema"),
            Map.entry("TYPE", "changes the schema"),
            Map.entry("VIRTUAL", "creates virtual tables backed by modules (SQLite)"),
            Map.entry("TEMP", "temporary objects (create scratch tables instead)"),
            Map.entry("TEMPORARY", "temporary objects (create scratch tables instead)"),
            Map.entry("SERVER", "connects to other servers"),
            Map.entry("RULE", "runs code on writes"),
            Map.entry("POLICY", "changes privileges"),
            Map.entry("CONSTANT", "changes the schema"),
            Map.entry("SYNONYM", "changes the schema"));

    private StatementHead() {}

    /** The canonical text of a transaction-control statement, or null when it is not one. */
    public static String transaction(String sql) {
        Matcher m = TRANSACTION.matcher(sql);
        if (!m.matches()) {
            return null;
        }
        return m.group(1).trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static final Pattern DUCKDB_SAMPLE = Pattern.compile("\\b(?:TABLESAMPLE|USING\\s+SAMPLE)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * DuckDB sampling, found in the caller's text rather than the tree: JSqlParser 5.4 drops a
     * {@code TABLESAMPLE} that follows a table function's alias without a trace in its tree, and the
     * re-rendered statement would run unsampled. Errs towards refusing: the words inside a literal
     * or comment are refused too.
     *
     * @throws PolicyException 42501, rule {@code duckdb.sample}
     */
    public static void refuseDuckDbSample(Engine engine, String sql) throws PolicyException {
        if (engine == Engine.DUCKDB && DUCKDB_SAMPLE.matcher(sql).find()) {
            throw Refusals.duckDbSample();
        }
    }

    /**
     * Refuses statements led by a keyword that only ever starts something forbidden.
     *
     * @throws PolicyException 42501, rule {@code <engine>.<keyword>}
     */
    public static void refuseDangerousHead(Engine engine, String sql) throws PolicyException {
        String[] words = firstWords(sql, 4);
        if (words[0] == null) {
            return;
        }
        String w0 = words[0];
        String reason = REFUSED.get(w0);
        if (reason != null) {
            throw Refusals.forbidden(w0 + " statements are refused: " + reason,
                    engine.id() + "." + w0.toLowerCase(Locale.ROOT));
        }
        if (w0.equals("BEGIN") || w0.equals("START")) {
            throw Refusals.forbidden(String.join(" ", nonNull(words)) + " is refused: only plain BEGIN,"
                    + " START TRANSACTION [READ ONLY], COMMIT and ROLLBACK are allowed", "transaction-mode");
        }
        if (w0.equals("CREATE")) {
            int i = 1;
            if ("OR".equals(words[1]) && "REPLACE".equals(words[2])) {
                i = 3;
            }
            String what = words[i];
            if (what != null && REFUSED_CREATE.containsKey(what)) {
                throw Refusals.forbidden("CREATE " + what + " is refused: " + REFUSED_CREATE.get(what),
                        engine.id() + ".create-" + what.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** A cheap guess of what a statement does, for audit mode. */
    public static StatementKind guessKind(String sql) {
        String w = firstWords(sql, 1)[0];
        if (w == null) {
            return StatementKind.OTHER;
        }
        return switch (w) {
            case "SELECT", "WITH", "VALUES", "EXPLAIN", "TABLE", "FROM", "DESCRIBE" -> StatementKind.QUERY;
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE" -> StatementKind.TRANSACTION;
            default -> StatementKind.OTHER;
        };
    }

    private static String[] nonNull(String[] a) {
        return java.util.Arrays.stream(a).filter(java.util.Objects::nonNull).toArray(String[]::new);
    }

    /** Up to {@code max} leading words, upper case, skipping whitespace, comments and '('. */
    static String[] firstWords(String sql, int max) {
        String[] out = new String[max];
        int n = sql.length();
        int i = 0;
        int k = 0;
        while (i < n && k < max) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ';') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int e = sql.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                out[k++] = sql.substring(s, i).toUpperCase(Locale.ROOT);
            } else {
                break;
            }
        }
        return out;
    }
}
