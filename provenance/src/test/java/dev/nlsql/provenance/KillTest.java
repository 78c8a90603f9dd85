package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL during sync-mode load loses no acknowledged record; a process
 * that calls {@code System.exit} with records still queued loses none either.
 */
class KillTest {
    @TempDir
    Path tmp;

    private List<String> runAndKill(String url, int acksBeforeKill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile(tmp, "acks", ".txt");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillChild.class.getName(), url);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(out.toFile()); // the child's writes stay in the file after SIGKILL
        Process child = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acks(out).size() < acksBeforeKill) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("child stopped or stalled after " + acks(out).size() + " acks");
            }
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL on Linux, while it is appending
        assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        return acks(out);
    }

    /** Ids on complete ACK lines (a line cut by the kill does not count). */
    private static List<String> acks(Path out) throws Exception {
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        List<String> ids = new ArrayList<>();
        if (end < 0) {
            return ids;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (line.startsWith("ACK ")) {
                ids.add(line.substring(4));
            }
        }
        return ids;
    }

    private static void assertAllPresent(Connection c, List<String> acked) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM nlsql_provenance WHERE CAST(id AS VARCHAR(64)) = ?")) {
            int missing = 0;
            for (String id : acked) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    missing += rs.getInt(1) == 1 ? 0 : 1;
                }
            }
            assertEquals(0, missing, missing + " of " + acked.size() + " acknowledged records lost");
        }
    }

    @Test
    void embeddedStoreLosesNoAcknowledgedRecordAndReopens() throws Exception {
        String url = StoreOptions.embeddedUrl(tmp);
        List<String> acked = runAndKill(url, 400);
        assertTrue(acked.size() >= 400);
        Properties p = new Properties();
        p.setProperty(StoreOptions.URL, url);
        try (JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(p))) {
            assertTrue(s.count() >= acked.size());
            s.append(StoreTest.sample(1).toBuilder().id(null).build()); // writable after recovery
            s.flush();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertAllPresent(c, acked);
        }
    }

    @Test
    void postgresStoreLosesNoAcknowledgedRecord() throws Exception {
        String url = TestDbs.pgUrl("nlsql_prov");
        List<String> acked = runAndKill(url, 400);
        try (Connection c = DriverManager.getConnection(url)) {
            assertAllPresent(c, acked);
        }
    }

    @Test
    void embeddedStoreWritesTheQueueOnSystemExit() throws Exception {
        String url = StoreOptions.embeddedUrl(tmp);
        int n = 20_000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile(tmp, "exit", ".txt");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitChild.class.getName(), url, String.valueOf(n));
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.toFile());
        Process child = pb.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child exits");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("APPENDED " + n), output);
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM nlsql_provenance WHERE user_name = 'exit'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(n, rs.getInt(1), "records written by the shutdown hook; child said: " + output);
        }
    }
}
