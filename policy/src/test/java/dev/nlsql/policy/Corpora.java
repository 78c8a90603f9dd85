package dev.nlsql.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the red-team corpora from {@code ../shared/data/redteam} (system property
 * {@code nlsql.shared}) at test time; nothing is copied into the repository.
 */
final class Corpora {

    /** One test statement: the corpus it came from, an id, and the SQL text. */
    record Case(String corpus, String id, String sql) {}

    private Corpora() {}

    static Path shared() {
        String p = System.getProperty("nlsql.shared");
        Path base = p != null ? Path.of(p) : Path.of("..", "..", "shared");
        Path data = base.resolve("data");
        return Files.isDirectory(data) ? data : base;
    }

    static Path redteam() {
        Path r = shared().resolve("redteam");
        if (!Files.isDirectory(r)) {
            throw new IllegalStateException("red-team corpora not found at " + r.toAbsolutePath()
                    + " (set -Dnlsql.shared to the shared data folder)");
        }
        return r;
    }

    /** The corpora by name, each a list of statements (payloads embedded in injection contexts). */
    static Map<String, List<Case>> all() {
        Map<String, List<Case>> out = new LinkedHashMap<>();
        out.put("parser_differentials", differentials());
        out.put("parse_cases", parseCases());
        out.put("notes", notes());
        out.put("hand_written", handWritten());
        out.put("payloadsallthethings", payloads(redteam().resolve("payloadsallthethings/intruder"), "patt"));
        out.put("seclists", payloads(redteam().resolve("seclists"), "seclists"));
        return out;
    }

    static List<Case> differentials() {
        List<Case> out = new ArrayList<>();
        for (String[] f : tsv(redteam().resolve("local/parser_differentials.tsv"), true)) {
            out.add(new Case("parser_differentials", f[0], unescapeNewlines(f[1])));
        }
        return out;
    }

    /** parse_cases.tsv rows; the id prefix names the dialect (sqlite., duck., mssql., pg., h2., adv.). */
    static List<Case> parseCases() {
        List<Case> out = new ArrayList<>();
        for (String[] f : tsv(redteam().resolve("local/parse_cases.tsv"), false)) {
            out.add(new Case("parse_cases", f[0], unescapeNewlines(f[1])));
        }
        return out;
    }

    /** Code blocks and inline code from the per-DBMS notes: each block whole, and each line. */
    static List<Case> notes() {
        List<Case> out = new ArrayList<>();
        Pattern inline = Pattern.compile("`([^`\\n]{8,})`");
        try (Stream<Path> files = Files.list(redteam().resolve("payloadsallthethings/notes"))) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String name = md.getFileName().toString();
                List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
                StringBuilder block = null;
                int n = 0;
                for (String line : lines) {
                    if (line.startsWith("```")) {
                        if (block == null) {
                            String lang = line.substring(3).trim();
                            block = lang.isEmpty() || lang.equalsIgnoreCase("sql") || lang.equalsIgnoreCase("ps1")
                                    ? new StringBuilder() : null;
                            if (block == null) {
                                block = new StringBuilder("\u0000skip");
                            }
                        } else {
                            if (!block.toString().startsWith("\u0000")) {
                                String b = block.toString().strip();
                                if (!b.isEmpty()) {
                                    out.add(new Case("notes", name + ":block" + (++n), b));
                                    for (String l : b.split("\n")) {
                                        if (!l.isBlank() && b.contains("\n")) {
                                            out.add(new Case("notes", name + ":line" + (++n), l.strip()));
                                        }
                                    }
                                }
                            }
                            block = null;
                        }
                        continue;
                    }
                    if (block != null) {
                        block.append(line).append('\n');
                    } else {
                        Matcher m = inline.matcher(line);
                        while (m.find()) {
                            out.add(new Case("notes", name + ":inline" + (++n), m.group(1)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Payload lists (one payload a line), each used three ways: as a statement, spliced into a
     * string literal context and into a numeric context of a query, as an injected application
     * would send them.
     */
    static List<Case> payloads(Path dir, String corpus) {
        List<Case> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("LICENSE")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                int i = 0;
                for (String line : lines) {
                    i++;
                    String p = line.replace("\r", "");
                    if (p.isBlank() || !seen.add(p)) {
                        continue;
                    }
                    String id = f.getFileName() + ":" + i;
                    out.add(new Case(corpus, id + ":raw", p));
                    out.add(new Case(corpus, id + ":str", "SELECT a FROM t WHERE b = '" + p + "'"));
                    out.add(new Case(corpus, id + ":num", "SELECT a FROM t WHERE a = " + p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Hand-written cases for each engine's dangerous statements and functions (from the issue and notes). */
    static List<Case> handWritten() {
        String[] sql = {
            // SQLite
            "ATTACH DATABASE '/tmp/nlsql_pwn_attach.db' AS x",
            "attach '/tmp/nlsql_pwn_attach2.db' as y",
            "DETACH DATABASE scratch",
            "PRAGMA writable_schema = 1", "PRAGMA query_only = 0", "pragma journal_mode = delete",
            "SELECT load_extension('/tmp/x.so')", "SELECT \"load_extension\"('/tmp/x.so')",
            "SELECT [load_extension]('/tmp/x.so')", "SELECT `load_extension`('/tmp/x.so')",
            "SELECT a FROM t WHERE 1 = CASE WHEN 1 THEN 1 ELSE load_extension(1) END",
            "VACUUM", "VACUUM INTO '/tmp/nlsql_pwn_vacuum.db'", "ANALYZE", "REINDEX",
            "CREATE TRIGGER trg AFTER INSERT ON t BEGIN DELETE FROM t; END",
            "backup to /tmp/nlsql_pwn_backup.db", "restore from /tmp/nlsql_pwn_backup.db",
            "SELECT randomblob(2000000000)", "SELECT zeroblob(2000000000)",
            "SELECT fts3_tokenizer('simple')", "SELECT writefile('/tmp/nlsql_pwn_wf', 'x')",
            "CREATE VIRTUAL TABLE v USING fts5(x)", "REPLACE INTO t (a) VALUES (1)",
            "INSERT INTO t (a) VALUES (1)", "INSERT INTO main.t (a) VALUES (1)", "INSERT INTO src.t (a) VALUES (1)",
            "UPDATE t SET a = 1", "DELETE FROM t", "DROP TABLE t", "ALTER TABLE t ADD COLUMN z INT",
            "CREATE INDEX ix ON t(a)", "WITH x AS (SELECT 1) DELETE FROM t",
            "INSERT INTO scratch.s SELECT * FROM t; DELETE FROM t",
            // DuckDB
            "COPY t TO '/tmp/nlsql_pwn_copy.csv'", "COPY (SELECT 1) TO '/tmp/nlsql_pwn_copy2.csv'",
            "EXPORT DATABASE '/tmp/nlsql_pwn_export'", "IMPORT DATABASE '/tmp/nlsql_pwn_export'",
            "INSTALL httpfs", "LOAD httpfs", "FORCE INSTALL httpfs", "USE scratch", "SET enable_external_access = true",
            "RESET ALL", "PRAGMA enable_profiling", "CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')",
            "CREATE MACRO m(a) AS a + 1", "CALL pragma_table_info('t')", "CHECKPOINT",
            "SELECT * FROM read_csv('/etc/passwd', sep=':', header=false)", "SELECT * FROM read_csv_auto('/etc/passwd')",
            "SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM read_blob('/etc/hostname')",
            "SELECT * FROM read_parquet('/tmp/x.parquet')", "SELECT * FROM read_json('/tmp/x.json')",
            "SELECT * FROM glob('/etc/*')", "SELECT * FROM '/etc/passwd'", "SELECT * FROM \"/etc/passwd\"",
            "FROM '/etc/passwd'", "SELECT * FROM query('SELECT 42')", "SELECT * FROM query_table('t')",
            "SELECT * FROM sqlite_scan('/tmp/x.db', 't')", "SELECT getenv('HOME')", "SELECT current_setting('threads')",
            "SELECT nextval('seq')", "CREATE SEQUENCE seq", "ATTACH '/tmp/nlsql_pwn_duck.db' AS d2",
            "DETACH scratch", "SELECT * FROM t, read_csv('/etc/passwd')", "SELECT (SELECT count(*) FROM read_text('/etc/hostname'))",
            // H2
            "CREATE ALIAS GETPROP FOR 'java.lang.System.getProperty'",
            "CREATE ALIAS EXEC AS 'String e(String c) throws Exception { Runtime.getRuntime().exec(c); return c; }'",
            "CREATE TRIGGER t1 BEFORE INSERT ON t FOR EACH ROW CALL 'x.Y'", "CREATE AGGREGATE a FOR 'x.Y'",
            "CREATE LINKED TABLE lt('org.h2.Driver', 'jdbc:h2:mem:', 'sa', '', 't')",
            "RUNSCRIPT FROM '/tmp/x.sql'", "SCRIPT TO '/tmp/nlsql_pwn_script.sql'", "SCRIPT NODATA",
            "BACKUP TO '/tmp/nlsql_pwn_backup.zip'", "SET EXCLUSIVE 1", "SET MODE MySQL", "SHUTDOWN", "SHUTDOWN IMMEDIATELY",
            "SELECT FILE_READ('/etc/hostname')", "SELECT FILE_WRITE('abc', '/tmp/nlsql_pwn_fw.txt')",
            "SELECT * FROM CSVREAD('/etc/passwd')", "CALL CSVWRITE('/tmp/nlsql_pwn_cw.csv', 'SELECT 1')",
            "SELECT CSVWRITE('/tmp/nlsql_pwn_cw2.csv', 'SELECT 1')",
            "SELECT LINK_SCHEMA('x', '', 'jdbc:h2:mem:', 'sa', '', 'PUBLIC')", "SELECT NEXT VALUE FOR s",
            "SELECT SET(@v, 1)", "SELECT DATABASE_PATH()", "CALL FILE_READ('/etc/passwd')",
            // PostgreSQL
            "COPY t TO PROGRAM 'touch /tmp/nlsql_pwn_prog'", "COPY (SELECT 1) TO '/tmp/nlsql_pwn_pgcopy'",
            "COPY t FROM '/etc/passwd'", "SELECT pg_read_file('/etc/hostname')", "SELECT pg_read_binary_file('/etc/hostname')",
            "SELECT pg_ls_dir('.')", "SELECT * FROM pg_ls_dir('.')", "SELECT lo_import('/etc/passwd')",
            "SELECT lo_export(1, '/tmp/nlsql_pwn_lo')", "SELECT lo_create(0)", "SELECT lo_unlink(1)",
            "SELECT dblink('host=127.0.0.1', 'SELECT 1')", "SELECT * FROM dblink('x', 'SELECT 1') AS t(a int)",
            "DO $$BEGIN PERFORM 1; END$$", "SET default_transaction_read_only = off", "SET search_path = public",
            "SELECT set_config('default_transaction_read_only', 'off', false)",
            "SELECT pg_catalog.set_config('search_path', 'x', false)", "BEGIN READ WRITE", "START TRANSACTION READ WRITE",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "SELECT pg_advisory_lock(1)",
            "SELECT pg_try_advisory_lock(1)", "SELECT pg_sleep(10)", "SELECT a FROM t WHERE pg_sleep(5) IS NULL",
            "SELECT query_to_xml('SELECT 1', true, false, '')", "SELECT pg_terminate_backend(pg_backend_pid())",
            "SELECT pg_cancel_backend(1)", "SELECT txid_current()", "SELECT nextval('s')", "SELECT setval('s', 1)",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "WITH i AS (INSERT INTO t (a) VALUES (1) RETURNING a) SELECT a FROM i",
            "SELECT * FROM t FOR UPDATE", "SELECT * FROM t FOR SHARE", "SELECT * FROM t FOR NO KEY UPDATE",
            "SELECT a INTO newt FROM t", "SELECT * INTO TEMP newt2 FROM t", "EXPLAIN ANALYZE DELETE FROM t",
            "EXPLAIN ANALYZE INSERT INTO t (a) VALUES (1)", "CREATE EXTENSION dblink", "CREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql",
            "LISTEN x", "NOTIFY x", "LOCK TABLE t", "VACUUM t", "TRUNCATE t", "GRANT ALL ON t TO public",
            "PREPARE p AS DELETE FROM t", "EXECUTE p", "SELECT 1 # 2 ; CREATE TABLE pwned_hash(x INT)",
            "SELECT E'\\'', 1; CREATE TABLE pwned_e(x int); --'", "SELECT E'\\'' || 'x'; DELETE FROM t; --'",
            "SELECT 'a\\'; DELETE FROM t; --'", "SELECT $$ ; DELETE FROM t; $$",
            // SQL Server
            "EXEC xp_cmdshell 'dir'", "EXECUTE sp_executesql N'SELECT 1'", "exec master..xp_cmdshell 'ping 127.0.0.1'",
            "SELECT * FROM OPENROWSET(BULK '/etc/passwd', SINGLE_CLOB) AS x",
            "SELECT * FROM OPENDATASOURCE('SQLOLEDB', 'x').db.dbo.t", "SELECT * FROM OPENQUERY(srv, 'SELECT 1')",
            "BULK INSERT t FROM '/etc/passwd'", "WAITFOR DELAY '0:0:5'", "SELECT a INTO newt3 FROM t",
            "SELECT * FROM srv.db.dbo.t", "DECLARE @s varchar(10); SET @s = 'x'; EXEC(@s)",
            "SELECT TOP 1 a FROM t WITH (TABLOCKX)", "SELECT a FROM t WITH (UPDLOCK)", "SELECT a FROM t (NOLOCK)",
            "SELECT 1 SELECT 2", "SELECT * FROM t DROP TABLE t",
            // generic stacking and comment tricks
            "SELECT 1; DROP TABLE t", "SELECT 1;DROP TABLE t--", "SELECT 1 -- \n; DROP TABLE t",
            "SELECT 1 /*! ; DROP TABLE t */", "SELECT 1 /* */; DROP TABLE t", "/* x */ DROP TABLE t",
            "SELECT 4 //* x */ 2 ; DROP TABLE t", "SELECT 4 // 2 ; DROP TABLE t", "SELECT 1 /* /* */ ; DROP TABLE t; -- */",
            "SELECT 1\n\n\nDROP TABLE t", "SELECT 1\r\n\r\n\r\nDELETE FROM t", "SELECT 1\u0000; DROP TABLE t",
            "SELECT 1\u2028; DROP TABLE t", "SELECT 1\uFF1B DROP TABLE t", "SELECT '1'';DROP TABLE t;--'",
            "SELECT \"a;\"\"b\" FROM t; DROP TABLE t", "SELECT [a;b] FROM t; DROP TABLE t", "SELECT `a;b` FROM t; DROP TABLE t",
            "{call xp_cmdshell('dir')}", "{fn load_extension('x')}", "SELECT a FROM t WHERE a = ?1",
            "SELECT a FROM t WHERE a = :x", "SELECT a FROM t WHERE a = $1", "SELECT a FROM t WHERE a = @x",
        };
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < sql.length; i++) {
            out.add(new Case("hand_written", "hw" + (i + 1), sql[i]));
        }
        return out;
    }

    /** The TSV files write a newline as {@code \\n}; a doubled backslash is a literal one. */
    static String unescapeNewlines(String s) {
        return s.replaceAll("(?<!\\\\)\\\\n", "\n");
    }

    private static List<String[]> tsv(Path p, boolean header) {
        try {
            List<String[]> out = new ArrayList<>();
            boolean first = header;
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (first) {
                    first = false;
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                out.add(line.split("\t"));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
