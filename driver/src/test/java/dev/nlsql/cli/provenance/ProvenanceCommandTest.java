package dev.nlsql.cli.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nlsql.provenance.CanonicalResultDigest;
import dev.nlsql.provenance.ParameterCodec;
import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.SchemaScope;
import dev.nlsql.provenance.SchemaSnapshotter;
import dev.nlsql.provenance.StoreOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProvenanceCommandTest {
    @TempDir
    Path tmp;
    Path db;
    String sourceUrl;
    ProvenanceRecord question;
    ProvenanceRecord refused;

    /** Output and exit code of one command line. */
    record Run(int exit, String out, String err) {}

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] withHome(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--home";
        all[args.length + 1] = tmp.resolve("store").toString();
        return all;
    }

    @BeforeEach
    void recordAQuestion() throws Exception {
        Path chinook = Path.of(System.getProperty("nlsql.shared"), "data", "databases", "chinook", "Chinook_Sqlite.sqlite");
        if (!Files.exists(chinook)) {
            chinook = Path.of(System.getProperty("nlsql.shared"), "databases", "chinook", "Chinook_Sqlite.sqlite");
        }
        db = tmp.resolve("chinook.sqlite");
        Files.copy(chinook, db, StandardCopyOption.REPLACE_EXISTING);
        sourceUrl = "jdbc:sqlite:" + db;
        String sql = "SELECT Name, Milliseconds FROM Track WHERE Milliseconds > ? * 60000";
        try (Connection c = DriverManager.getConnection(sourceUrl); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, 10);
            CanonicalResultDigest d;
            try (ResultSet rs = ps.executeQuery()) {
                d = CanonicalResultDigest.of(rs);
            }
            question = ProvenanceRecord.builder().user("ann").targetUrl(sourceUrl)
                    .statement("ASK which tracks are longer than 10 minutes?")
                    .question("which tracks are longer than __NUM_1__ minutes?")
                    .placeholders(Map.of("__NUM_1__", new ProvenanceRecord.Placeholder("NUM", "10")))
                    .sql(sql).parameters(List.of(ParameterCodec.describe(1, 10)))
                    .schemaHash(SchemaSnapshotter.snapshot(c, SchemaScope.all()).sha256())
                    .columns(List.of(new ProvenanceRecord.Column("Name", "VARCHAR"), new ProvenanceRecord.Column("Milliseconds", "INTEGER")))
                    .rowCount(d.rowCount()).resultHashOrdered(d.orderedHex()).resultHashUnordered(d.unorderedHex())
                    .complete(true).build();
        }
        refused = ProvenanceRecord.builder().user("ann").targetUrl(sourceUrl).statement("DROP TABLE Track")
                .decision("refused").rule("read-only").sqlState("42501").error("writes are not allowed").build();
        Properties p = new Properties();
        p.setProperty(StoreOptions.HOME, tmp.resolve("store").toString());
        try (ProvenanceStore s = ProvenanceStores.open(p)) {
            s.append(question);
            s.append(refused);
        }
    }

    @Test
    void listAsJsonLinesAndTable() throws Exception {
        Run json = run(new ProvenanceCommand(), withHome("list", "--format", "json"));
        assertEquals(0, json.exit(), json.err());
        String[] lines = json.out().strip().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        for (String f : List.of("id", "statement", "sql", "parameters", "schema_hash", "row_count", "result_hash", "complete", "decision")) {
            assertTrue(first.has(f), f);
        }
        assertEquals(question.id(), first.get("id").asText());
        assertEquals("refused", new ObjectMapper().readTree(lines[1]).get("decision").asText());

        Run table = run(new ProvenanceCommand(), withHome("list"));
        assertEquals(0, table.exit());
        assertTrue(table.out().startsWith("ID "));
        assertTrue(table.out().contains(question.id()));
        Run none = run(new ProvenanceCommand(), withHome("list", "--format", "json", "--since", "2999-01-01"));
        assertEquals("", none.out().strip());
        Run bad = run(new ProvenanceCommand(), withHome("list", "--since", "yesterday-ish"));
        assertEquals(2, bad.exit());
    }

    @Test
    void showPrintsTheRecord() {
        Run show = run(new ProvenanceCommand(), withHome("show", question.id()));
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("\"question\" : \"which tracks are longer than __NUM_1__ minutes?\""), show.out());
        assertEquals(2, run(new ProvenanceCommand(), withHome("show", "00000000-0000-7000-8000-000000000000")).exit());
    }

    @Test
    void verifyMatchesThenDetectsAChangedRow() throws Exception {
        Run ok = run(new ProvenanceCommand(), withHome("verify", question.id()));
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("MATCH " + question.id()));

        try (Connection c = DriverManager.getConnection(sourceUrl); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE Track SET Name = 'changed' WHERE TrackId = "
                    + "(SELECT MIN(TrackId) FROM Track WHERE Milliseconds > 600000)");
        }
        Run bad = run(new ProvenanceCommand(), withHome("verify", question.id()));
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().startsWith("DIFFERS"));
        assertTrue(bad.out().contains("result digest (order-insensitive)"), bad.out());

        Run refusedRun = run(new ProvenanceCommand(), withHome("verify", refused.id()));
        assertEquals(2, refusedRun.exit());
        assertTrue(refusedRun.out().contains("NOT REPLAYABLE"));
    }

    @Test
    void exportWritesJsonLines() throws Exception {
        Path out = tmp.resolve("records.jsonl");
        Run r = run(new ProvenanceCommand(), withHome("export", "-o", out.toString()));
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        assertEquals(question, dev.nlsql.provenance.ProvenanceJson.read(lines.get(0)));
    }

    @Test
    void packExportFromRecordsThenImportWithCheck() throws Exception {
        Path pack = tmp.resolve("pack.json");
        Run ex = run(new PackCommand(), withHome("export", "--from-records", "--url", sourceUrl, "--pinned-by", "ann",
                "--name", "chinook", "-o", pack.toString()));
        assertEquals(0, ex.exit(), ex.err());
        JsonNode doc = new ObjectMapper().readTree(pack.toFile());
        assertEquals("sqlite", doc.get("dialect").asText());
        assertEquals(question.schemaHash(), doc.get("schema_hash").asText());
        assertEquals(1, doc.get("queries").size());
        assertEquals(question.rowCount(), doc.at("/queries/0/expected/row_count").asLong());

        Run im = run(new PackCommand(), withHome("import", "--check", sourceUrl, pack.toString()));
        assertEquals(0, im.exit(), im.out() + im.err());
        assertTrue(im.out().contains("pinned 1 query"));
        Run again = run(new PackCommand(), withHome("export", "--schema-hash", question.schemaHash(), "--name", "chinook"));
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("\"pinned_by\" : \"ann\""), again.out());

        try (Connection c = DriverManager.getConnection(sourceUrl); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM PlaylistTrack WHERE TrackId IN (SELECT TrackId FROM Track WHERE Milliseconds > 600000)");
            st.executeUpdate("DELETE FROM InvoiceLine WHERE TrackId IN (SELECT TrackId FROM Track WHERE Milliseconds > 600000)");
            st.executeUpdate("DELETE FROM Track WHERE TrackId = (SELECT MAX(TrackId) FROM Track WHERE Milliseconds > 600000)");
        }
        Run changed = run(new PackCommand(), withHome("import", "--check", sourceUrl, "--dry-run", pack.toString()));
        assertEquals(1, changed.exit(), changed.out() + changed.err());
        assertTrue(changed.out().contains("rows, got"), changed.out());

        Files.writeString(pack, Files.readString(pack).replace("\"pinned_by\"", "\"pinnedBy\""));
        Run invalid = run(new PackCommand(), withHome("import", pack.toString()));
        assertEquals(2, invalid.exit());
        assertTrue(invalid.err().contains("invalid SQL pack"), invalid.err());
    }

    @Test
    void sinceAcceptsInstantsDatesAndDurations() {
        java.time.Instant now = java.time.Instant.parse("2026-11-21T12:00:00Z");
        assertEquals(java.time.Instant.parse("2026-11-21T10:00:00Z"), Since.parse("2h", now));
        assertEquals(java.time.Instant.parse("2026-11-21T11:30:00Z"), Since.parse("PT30M", now));
        assertEquals(java.time.Instant.parse("2026-11-20T00:00:00Z"), Since.parse("2026-11-20", now));
        assertEquals(java.time.Instant.parse("2026-11-20T08:00:00Z"), Since.parse("2026-11-20T08:00:00Z", now));
    }
}
