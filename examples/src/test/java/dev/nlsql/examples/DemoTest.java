package dev.nlsql.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo on the shared Chinook and Northwind databases through {@code jdbc:nlsql:} and
 * checks its SQL results against what the raw SQLite driver answers for the same queries, that
 * the write aimed at the source is refused, and that every question is shown with its answer or
 * with the reason it has none.
 */
class DemoTest {

    @Test
    void demoShowsTheRawDriversAnswersThroughNlsql() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(Demo.sharedDatabases());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, out);
        for (Demo.Sample s : Demo.SAMPLES) {
            String raw = "jdbc:sqlite:" + Demo.sharedDatabases().resolve(s.relativePath());
            try (Connection c = DriverManager.getConnection(raw); Statement st = c.createStatement()) {
                for (String sql : s.queries()) {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        assertTrue(rs.next());
                        String firstRow = rs.getString(1) + ".*" + rs.getString(2);
                        assertTrue(out.matches("(?s).*\\n  " + java.util.regex.Pattern.quote(rs.getString(1))
                                + " +" + java.util.regex.Pattern.quote(rs.getString(2)) + "\\n.*"),
                                "first row " + firstRow + " of " + sql + " missing from the demo output:\n" + out);
                    }
                }
            }
            assertTrue(out.contains("=== " + s.name()), out);
            for (String q : s.questions()) {
                assertTrue(out.contains("  nlsql> " + q + "\n"), "question not shown: " + q);
            }
            assertTrue(out.contains("  SQL> " + s.write() + "\n  refused"), "the write to the source was not refused:\n" + out);
        }
        // every answered question is cited by its provenance record id; none is printed without an answer
        int answered = out.split("\n  provenance id: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n", -1).length - 1;
        int unavailable = out.split("ASK is not available here", -1).length - 1;
        int questions = Demo.SAMPLES.stream().mapToInt(x -> x.questions().size()).sum();
        assertEquals(questions, answered + unavailable, out);
        assertTrue(answered > 0, "no ASK answered, no provenance id shown:\n" + out);
    }
}
