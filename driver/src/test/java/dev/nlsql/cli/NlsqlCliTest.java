package dev.nlsql.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.nlsql.driver.TestDbs;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NlsqlCliTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = NlsqlCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpAndVersion() {
        Run h = run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("query"), h.out());
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("nlsql "), v.out());
    }

    @Test
    void queryPrintsATableOrJsonLines() throws Exception {
        String url = "jdbc:nlsql:sqlite:" + TestDbs.chinookCopy();
        Run t = run("query", "--url", url, "SELECT ArtistId, Name FROM Artist ORDER BY ArtistId LIMIT 2");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("AC/DC"), t.out());
        assertTrue(t.out().contains("(2 rows)"), t.out());
        Run j = run("query", "--url", url, "--json", "SELECT ArtistId, Name FROM Artist ORDER BY ArtistId LIMIT 2");
        assertEquals(0, j.code(), j.err());
        assertEquals("{\"ArtistId\":1,\"Name\":\"AC/DC\"}", j.out().lines().findFirst().orElseThrow());
        Run ask = run("query", "--url", url, "ASK how many artists are there?");
        assertEquals(1, ask.code());
        assertTrue(ask.err().contains("HY000"), ask.err());
        Run bad = run("query", "--url", "jdbc:nlsql:nosuch:x", "SELECT 1");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("08001"), bad.err());
    }
}
