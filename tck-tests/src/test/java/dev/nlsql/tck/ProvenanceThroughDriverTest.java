package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.nlsql.cli.provenance.ProvenanceCommand;
import dev.nlsql.driver.jdbc.NlsqlStatement;
import dev.nlsql.driver.jdbc.RecordedStatement;
import dev.nlsql.provenance.CanonicalResultDigest;
import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.SchemaScope;
import dev.nlsql.provenance.SchemaSnapshotter;
import dev.nlsql.provenance.StoreOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Provenance through {@code jdbc:nlsql:} with the real default store (embedded H2), in a folder
 * of its own under {@code target/} ({@code nlsql.provenance.home}, set before the first
 * connection; Surefire runs this class in a JVM of its own): one record per statement, with the
 * row count, completeness and result digest the client actually read, refusals and questions
 * recorded too, an exact count under concurrent load through HikariCP, and
 * {@code provenance verify} from the command line. Each test tags its statements with a unique
 * string literal and finds its records by it.
 */
class ProvenanceThroughDriverTest {

    private static Path home;
    private static TckDatabase chinook;

    @BeforeAll
    static void freshStoreAndChinook() throws SQLException {
        home = Path.of("target", "provenance-e2e-" + UUID.randomUUID()).toAbsolutePath();
        System.setProperty(StoreOptions.HOME, home.toString());
        chinook = TckDatabase.chinook(Engine.SQLITE);
    }

    @AfterAll
    static void dropChinook() throws SQLException {
        chinook.close();
    }

    /** The store the driver writes to (the same shared engine: same URL and user). */
    private static JdbcProvenanceStore store() throws SQLException {
        return ProvenanceStores.open(StoreOptions.from(null));
    }

    /** Every record whose statement text contains {@code tag}, after flushing the queue. */
    private static List<ProvenanceRecord> records(String tag) throws SQLException {
        try (JdbcProvenanceStore s = store()) {
            s.flush();
            List<ProvenanceRecord> out = new ArrayList<>();
            for (ProvenanceRecord r : s.list(null, 0)) {
                if (r.statement() != null && r.statement().contains(tag)) {
                    out.add(r);
                }
            }
            return out;
        }
    }

    private static ProvenanceRecord onlyRecord(String tag) throws SQLException {
        List<ProvenanceRecord> rs = records(tag);
        assertEquals(1, rs.size(), () -> "records for " + tag + ": " + rs);
        return rs.get(0);
    }

    private static String tag() {
        return "e2e-" + UUID.randomUUID();
    }

    private static Connection nlsql() throws SQLException {
        return DriverManager.getConnection(chinook.nlsqlUrl());
    }

    /** Hash recorded for one query run on {@code c} (tagged so its record can be found). */
    private static String recordedSchemaHash(Connection c) throws SQLException {
        String tag = tag();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT '" + tag + "' AS tag")) {
            rs.next();
        }
        return onlyRecord(tag).schemaHash();
    }

    @Test
    void schemaHashFollowsAnOutsideSchemaChangeAfterTheRefreshInterval() throws SQLException {
        try (TckDatabase db = TckDatabase.chinook(Engine.SQLITE)) {
            Properties every = new Properties();
            every.setProperty("nlsql.schema.refreshMs", "0");
            Properties hourly = new Properties();
            hourly.setProperty("nlsql.schema.refreshMs", "3600000");
            try (Connection checked = DriverManager.getConnection(db.nlsqlUrl(), every);
                 Connection stale = DriverManager.getConnection(db.nlsqlUrl(), hourly)) {
                String before = recordedSchemaHash(checked);
                assertEquals(before, recordedSchemaHash(stale));
                String expectedAfter;
                try (Connection raw = db.openRaw(); Statement s = raw.createStatement()) {
                    s.execute("CREATE TABLE added_outside (id INTEGER PRIMARY KEY, note TEXT)");
                    expectedAfter = SchemaSnapshotter.snapshot(raw, SchemaScope.source()).sha256();
                }
                String after = recordedSchemaHash(checked);
                assertNotEquals(before, after, "a schema change made outside nlsql shows in the next record");
                assertEquals(expectedAfter, after, "the new hash is the snapshot of the changed source");
                assertEquals(before, recordedSchemaHash(stale), "within the refresh interval the hash is not re-read");
            }
        }
    }

    @Test
    void fullyReadQueryIsCompleteWithTheRawResultDigest() throws SQLException {
        String tag = tag();
        String sql = "SELECT \"ArtistId\", \"Name\", '" + tag + "' AS tag FROM \"Artist\" ORDER BY \"ArtistId\"";
        int read = 0;
        try (Connection c = nlsql(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                read++;
            }
        }
        assertEquals(275, read);
        CanonicalResultDigest raw;
        try (Connection c = chinook.openRaw(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            raw = CanonicalResultDigest.of(rs);
        }
        ProvenanceRecord r = onlyRecord(tag);
        assertEquals(sql, r.statement());
        assertEquals("allowed", r.decision());
        assertTrue(r.complete(), r::toString);
        assertEquals(275, r.rowCount());
        assertEquals(raw.rowCount(), r.rowCount());
        assertEquals(raw.orderedHex(), r.resultHashOrdered());
        assertEquals(raw.unorderedHex(), r.resultHashUnordered());
        assertNotNull(r.schemaHash());
        assertEquals(List.of("ArtistId", "Name", "tag"), r.columns().stream().map(ProvenanceRecord.Column::name).toList());
        assertFalse(r.targetUrl().contains("password"), r.targetUrl());
    }

    @Test
    void partlyReadQueryIsIncompleteWithTheRowsRead() throws SQLException {
        String tag = tag();
        try (Connection c = nlsql(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"Name\", '" + tag + "' FROM \"Track\"")) {
            for (int i = 0; i < 10; i++) {
                assertTrue(rs.next());
            }
        }
        ProvenanceRecord r = onlyRecord(tag);
        assertFalse(r.complete(), r::toString);
        assertEquals(10, r.rowCount());
        assertEquals("allowed", r.decision());
    }

    @Test
    void refusedWriteIsRecordedWithRuleAndSqlState() throws SQLException {
        String tag = tag();
        SQLException e;
        try (Connection c = nlsql(); Statement s = c.createStatement()) {
            e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE \"Artist\" SET \"Name\" = '" + tag + "' WHERE \"ArtistId\" = 1"));
            assertTrue(List.of("42501", "25006").contains(e.getSQLState()), e.getSQLState() + " " + e.getMessage());
        }
        ProvenanceRecord r = onlyRecord(tag);
        assertEquals("refused", r.decision());
        assertNotNull(r.rule());
        assertEquals(e.getSQLState(), r.sqlState());
        assertEquals(0, r.rowCount());
        try (Connection c = chinook.openRaw(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"Name\" FROM \"Artist\" WHERE \"ArtistId\" = 1")) {
            assertTrue(rs.next());
            assertEquals("AC/DC", rs.getString(1), "the refused write reached the source");
        }
    }

    @Test
    void askIsRecordedWithQuestionPlaceholdersAndModelIdentity() throws SQLException {
        String question = AskThroughDriverTest.ACDC_ALBUMS;
        try (Connection c = nlsql(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("ASK " + question)) {
            assertTrue(rs.next());
            assertEquals(2, rs.getLong(1));
            assertFalse(rs.next());
        }
        ProvenanceRecord r = onlyRecord("ASK " + question);
        // the record keeps the question as the model saw it (values masked) and the values in the map
        assertEquals("how many albums does the artist __STR_1__ have?", r.question());
        assertEquals("ASK " + question, r.statement());
        assertEquals(new ProvenanceRecord.Placeholder("STR", "AC/DC"), r.placeholders().get("__STR_1__"), r::toString);
        assertTrue(r.sql().contains("?") && !r.sql().contains("AC/DC"), r.sql());
        assertEquals(1, r.parameters().size(), r::toString);
        assertEquals("AC/DC", r.parameters().get(0).value());
        assertTrue(r.model().get("weightsSha256").matches("[0-9a-f]{64}"), r::toString);
        assertNotNull(r.model().get("name"));
        assertNotNull(r.model().get("decodeConfig"));
        assertTrue(r.model().get("promptHash").matches("[0-9a-f]{16,}"), r::toString);
        assertTrue(r.complete());
        assertEquals(1, r.rowCount());
    }

    @Test
    void concurrentLoadThroughHikariGivesAnExactRecordCount() throws Exception {
        String tag = tag();
        int threads = 32;
        int perThread = 200;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(chinook.nlsqlUrl());
        config.setDriverClassName("dev.nlsql.driver.NlsqlDriver");
        config.setMaximumPoolSize(16);
        config.setPoolName("e2e-provenance");
        long t0;
        long elapsed;
        try (HikariDataSource pool = new HikariDataSource(config)) {
            ExecutorService exec = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(exec.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < perThread; i++) {
                            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                                    "SELECT \"Name\", '" + tag + "' FROM \"Artist\" WHERE \"ArtistId\" = ?")) {
                                ps.setInt(1, 1 + (thread * perThread + i) % 275);
                                try (ResultSet rs = ps.executeQuery()) {
                                    if (rs.next() && !rs.next()) {
                                        ok++;
                                    }
                                }
                            }
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : done) {
                    assertEquals(perThread, f.get());
                }
                elapsed = System.nanoTime() - t0;
            } finally {
                exec.shutdownNow();
            }
        }
        List<ProvenanceRecord> rs = records(tag);
        assertEquals(threads * perThread, rs.size());
        assertEquals(threads * perThread, rs.stream().filter(r -> r.complete() && r.rowCount() == 1).count());
        assertEquals(threads * perThread, rs.stream().map(ProvenanceRecord::id).distinct().count());
        System.out.printf("provenance load: %d threads x %d statements through HikariCP in %.0f ms, %d records for the tag%n",
                threads, perThread, elapsed / 1e6, rs.size());
    }

    @Test
    void verifyFromTheCommandLineMatchesARecordedQueryAndDetectsAChangedRow() throws SQLException {
        try (TckDatabase own = TckDatabase.chinook(Engine.SQLITE)) {
            String tag = tag();
            String sql = "SELECT \"ArtistId\", \"Name\", '" + tag + "' FROM \"Artist\" WHERE \"ArtistId\" <= 5";
            try (Connection c = DriverManager.getConnection(own.nlsqlUrl()); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    assertNotNull(rs.getString(2));
                }
            }
            String id = onlyRecord(tag).id();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = cli(out, err, "verify", id);
            assertEquals(0, code, () -> out + "\n" + err);

            try (Connection c = own.openRaw(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE \"Artist\" SET \"Name\" = 'changed' WHERE \"ArtistId\" = 3");
            }
            StringWriter out2 = new StringWriter();
            StringWriter err2 = new StringWriter();
            assertNotEquals(0, cli(out2, err2, "verify", id), () -> out2 + "\n" + err2);
        }
    }

    @Test
    void lastProvenanceIdCitesTheRecordOfEachExecution() throws SQLException {
        String tag = tag();
        try (Connection c = nlsql(); Statement s = c.createStatement();
                PreparedStatement ps = c.prepareStatement("SELECT \"Name\", '" + tag + "-p' FROM \"Artist\" WHERE \"ArtistId\" = ?")) {
            RecordedStatement recorded = s.unwrap(RecordedStatement.class);
            assertNull(recorded.lastProvenanceId());
            assertTrue(s.isWrapperFor(NlsqlStatement.class));
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), '" + tag + "-s' FROM \"Album\"")) {
                assertTrue(rs.next());
            }
            String first = recorded.lastProvenanceId();
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
            }
            String prepared = ps.unwrap(RecordedStatement.class).lastProvenanceId();
            try (ResultSet rs = s.executeQuery("ASK " + AskThroughDriverTest.ARTISTS)) {
                assertTrue(rs.next());
            }
            String ask = recorded.lastProvenanceId();
            assertNotNull(first);
            assertNotNull(prepared);
            assertNotNull(ask);
            assertNotEquals(first, ask);
            try (JdbcProvenanceStore store = store()) {
                store.flush();
                assertEquals(onlyRecord(tag + "-s").id(), first);
                assertEquals(onlyRecord(tag + "-p").id(), prepared);
                assertEquals("ASK " + AskThroughDriverTest.ARTISTS, store.find(ask).orElseThrow().statement());
            }
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM \"Artist\""));
            assertNull(recorded.lastProvenanceId(), "a refused statement has no execution record to cite");
        }
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new ProvenanceCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = args[0];
        full[1] = "--home=" + home;
        System.arraycopy(args, 1, full, 2, args.length - 1);
        return cl.execute(full);
    }
}
