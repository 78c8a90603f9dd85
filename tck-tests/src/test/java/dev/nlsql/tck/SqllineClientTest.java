package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

/**
 * sqlline, run in-process on a script ({@code -f}) against a copy of Chinook, once through
 * {@code jdbc:sqlite:} and once through {@code jdbc:nlsql:sqlite:} (default policy): the
 * query output must be the same, and must hold the counts the raw driver reports.
 */
class SqllineClientTest {

    @TempDir
    Path dir;

    @Test
    void scriptGivesTheSameOutputThroughNlsql() throws Exception {
        Path chinook = dir.resolve("Chinook.sqlite");
        Files.copy(SharedData.chinookSqlite(),
                chinook, StandardCopyOption.REPLACE_EXISTING);
        Path script = dir.resolve("script.sql");
        Files.writeString(script, String.join("\n",
                "!set outputformat csv",
                "SELECT COUNT(*) AS albums FROM Album;",
                "SELECT ArtistId, Name FROM Artist WHERE ArtistId <= 3 ORDER BY ArtistId;",
                "SELECT g.Name AS genre, COUNT(*) AS tracks FROM Track t JOIN Genre g ON g.GenreId = t.GenreId"
                        + " GROUP BY g.Name ORDER BY tracks DESC, genre LIMIT 3;",
                "!tables",
                "!quit", ""));

        long albums;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + chinook);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM Album")) {
            rs.next();
            albums = rs.getLong(1);
        }

        String raw = run("jdbc:sqlite:" + chinook, script);
        // control run (-Dnlsql.tck.control=true): the raw driver twice
        String nlsql = run((Boolean.getBoolean("nlsql.tck.control") ? "jdbc:sqlite:" : "jdbc:nlsql:sqlite:") + chinook,
                script);

        assertTrue(raw.contains("'" + albums + "'"), raw);
        assertTrue(raw.contains("'1','AC/DC'"), raw);
        assertTrue(raw.contains("'ALBUM'") || raw.contains("'Album'"), raw);
        assertEquals(raw, nlsql, "sqlline output through nlsql differs from the raw driver's:\n"
                + Dump.firstDifference(raw, nlsql));
    }

    /** Runs sqlline on the script; returns its output with the URL replaced by {@code <url>}. */
    private static String run(String url, Path script) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SqlLine sqlline = new SqlLine();
        sqlline.setOutputStream(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        sqlline.setErrorStream(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        SqlLine.Status status = sqlline.begin(new String[] {"-u", url, "-n", "", "-p", "", "--silent=true",
            "-f", script.toString()}, InputStream.nullInputStream(), false);
        String text = out.toString(StandardCharsets.UTF_8).replace(url, "<url>");
        assertEquals(SqlLine.Status.OK, status, () -> "sqlline on " + url + " failed:\n" + text);
        return text;
    }
}
