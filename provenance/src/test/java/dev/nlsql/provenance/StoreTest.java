package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path tmp;

    static ProvenanceRecord sample(int i) {
        return ProvenanceRecord.builder().time(Instant.ofEpochMilli(1_700_000_000_000L + i)).user("ann")
                .targetUrl("jdbc:sqlite:/data/Chinook.sqlite").statement("ASK how many tracks are longer than 5 minutes")
                .question("how many tracks are longer than __NUM_1__ minutes")
                .placeholders(Map.of("__NUM_1__", new ProvenanceRecord.Placeholder("NUM", "5")))
                .sql("SELECT COUNT(*) FROM Track WHERE Milliseconds > ? * 60000")
                .parameters(List.of(ParameterCodec.describe(1, 5))).decision("allowed").rule("read-only")
                .schemaHash("a".repeat(64)).model(Map.of("name", "nlsql-small", "weightsSha256", "b".repeat(64)))
                .columns(List.of(new ProvenanceRecord.Column("COUNT(*)", "INTEGER"))).rowCount(1)
                .resultHashOrdered("c".repeat(64)).resultHashUnordered("d".repeat(64)).complete(true)
                .timings(new ProvenanceRecord.Timings(0.1, 12.5, 0.7, 0.05)).build();
    }

    private Properties props(boolean sync) {
        Properties p = new Properties();
        p.setProperty(StoreOptions.HOME, tmp.toString());
        p.setProperty(StoreOptions.SYNC, Boolean.toString(sync));
        return p;
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        ProvenanceRecord r = sample(1);
        String line = ProvenanceJson.write(r);
        assertFalse(line.contains("\n"));
        assertEquals(r, ProvenanceJson.read(line));
        assertEquals(ProvenanceJson.toNode(r).toString(), line, "streaming writer and tree agree");
        ProvenanceRecord sparse = ProvenanceRecord.builder().statement("DROP TABLE x").decision("refused").timings(null).build();
        assertEquals(ProvenanceJson.toNode(sparse).toString(), ProvenanceJson.write(sparse));
        for (String f : List.of("\"id\"", "\"statement\"", "\"sql\"", "\"parameters\"", "\"schema_hash\"", "\"row_count\"",
                "\"result_hash\"", "\"complete\"", "\"decision\"")) {
            assertTrue(line.contains(f), f);
        }
    }

    @Test
    void embeddedStoreAppendsFindsListsAndSurvivesReopen() throws Exception {
        String id;
        try (ProvenanceStore s = ProvenanceStores.open(props(false))) {
            assertTrue(s instanceof JdbcProvenanceStore);
            for (int i = 0; i < 1000; i++) {
                s.append(sample(i));
            }
            ProvenanceRecord last = sample(1000);
            id = last.id();
            s.append(last);
            s.flush();
            assertEquals(last, s.find(id).orElseThrow());
            assertEquals(1001, ((JdbcProvenanceStore) s).count());
            List<ProvenanceRecord> since = s.list(Instant.ofEpochMilli(1_700_000_000_000L + 990), 100);
            assertEquals(11, since.size());
            assertEquals(id, since.get(10).id());
            assertEquals(5, s.list(null, 5).size());
            assertEquals(last, ((JdbcProvenanceStore) s).findByIdOrPrefix(id.substring(0, 30)).orElseThrow());
        }
        // reopen: migrations are not re-applied, data is there
        try (JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(props(false)))) {
            assertEquals(1001, s.count());
            assertTrue(s.find(id).isPresent());
        }
        try (Connection c = DriverManager.getConnection(StoreOptions.embeddedUrl(tmp))) {
            assertEquals(List.of(1, 2, 3), List.copyOf(StoreMigrations.applied(c)));
        }
    }

    @Test
    void closeWritesEverythingQueuedInAsyncMode() throws Exception {
        int n = 20_000;
        try (ProvenanceStore s = ProvenanceStores.open(props(false))) {
            for (int i = 0; i < n; i++) {
                s.append(sample(i));
            }
        }
        try (JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(props(false)))) {
            assertEquals(n, s.count());
        }
    }

    @Test
    void syncAppendIsCommittedWhenItReturns() throws Exception {
        try (JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(props(true)))) {
            assertTrue(s.sync());
            ProvenanceRecord r = sample(7);
            s.append(r);
            // a separate connection sees it without any flush
            try (Connection c = DriverManager.getConnection(StoreOptions.embeddedUrl(tmp));
                 var ps = c.prepareStatement("SELECT COUNT(*) FROM nlsql_provenance WHERE CAST(id AS VARCHAR(64)) = ?")) {
                ps.setString(1, r.id());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
        }
    }

    @Test
    void unavailableStoreFailsClearlyUnlessNotRequired() throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.URL, "jdbc:postgresql://127.0.0.1:1/none?user=x&password=secret");
        p.setProperty(StoreOptions.TIMEOUT, "300");
        SQLException e = assertThrows(SQLException.class, () -> ProvenanceStores.open(p));
        assertEquals("58030", e.getSQLState());
        assertTrue(e.getMessage().contains("nlsql.provenance.required=false"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "credentials never appear in messages");
        p.setProperty(StoreOptions.REQUIRED, "false");
        try (ProvenanceStore s = ProvenanceStores.open(p)) {
            s.append(sample(1));
            assertTrue(s.list(null, 10).isEmpty());
        }
    }

    @Test
    void appendAfterCloseFails() throws Exception {
        ProvenanceStore s = ProvenanceStores.open(props(false));
        s.close();
        SQLException e = assertThrows(SQLException.class, () -> s.append(sample(1)));
        assertEquals("58030", e.getSQLState());
    }

    @Test
    void translationCacheAndPinsInTheStore() throws Exception {
        try (JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(props(false)))) {
            TranslationCache tc = s.translations();
            String schema = "e".repeat(64);
            TranslationKey k = new TranslationKey(schema, "how many tracks are longer than __num_1__ minutes",
                    "f".repeat(64), "greedy,max_tokens=256");
            assertTrue(tc.lookup(k).isEmpty());
            tc.put(k, Translation.cached("SELECT COUNT(*) FROM Track WHERE Milliseconds > ? * 60000",
                    List.of(new SqlPack.Parameter(1, "__NUM_1__", null, null)), Map.of("score", "-0.12")));
            Translation got = tc.lookup(k).orElseThrow();
            assertEquals("cache", got.source());
            assertEquals("__NUM_1__", got.parameters().get(0).name());
            assertEquals("-0.12", got.metadata().get("score"));
            // another model or decode setting misses
            assertTrue(tc.get(new TranslationKey(schema, k.question(), "0".repeat(64), k.decodeSettings())).isEmpty());
            // a pin wins over the cache
            SqlPack pack = new SqlPack(SqlPack.FORMAT, "demo", schema, "sqlite", Instant.now().toString(), List.of(
                    new SqlPack.Query("q1", "How many tracks are longer than __NUM_1__ minutes?",
                            "SELECT COUNT(TrackId) FROM Track WHERE Milliseconds > ? * 60000",
                            List.of(new SqlPack.Parameter(1, "__NUM_1__", "INTEGER", "5")),
                            new SqlPack.Expected(1L, "1".repeat(64)), "ann", "2026-01-01T00:00:00Z")));
            assertEquals(1, tc.pin(pack));
            Translation pinned = tc.lookup(k).orElseThrow();
            assertEquals("pinned", pinned.source());
            assertEquals("q1", pinned.queryId());
            assertEquals("ann", pinned.pinnedBy());
            SqlPack back = tc.exportPinned(schema, "demo", null);
            assertEquals(pack.queries(), back.queries());
            assertEquals("sqlite", back.dialect());
        }
    }

    @Test
    void postgresStore() throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.URL, TestDbs.pgUrl("nlsql_prov"));
        String tag = UUID.randomUUID().toString();
        List<String> ids = new java.util.ArrayList<>();
        try (JdbcProvenanceStore s = (JdbcProvenanceStore) ProvenanceStores.open(p)) {
            for (int i = 0; i < 500; i++) {
                ProvenanceRecord r = sample(i).toBuilder().id(null).user(tag).build();
                ids.add(r.id());
                s.append(r);
            }
            s.flush();
            for (String id : List.of(ids.get(0), ids.get(499))) {
                assertEquals(tag, s.find(id).orElseThrow().user());
            }
        }
        try (Connection c = DriverManager.getConnection(TestDbs.pgUrl("nlsql_prov"));
             var ps = c.prepareStatement("SELECT COUNT(*) FROM nlsql_provenance WHERE user_name = ?")) {
            ps.setString(1, tag);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(500, rs.getInt(1));
            }
            assertTrue(StoreMigrations.applied(c).containsAll(List.of(1, 2, 3)));
        }
    }

    @Test
    void optionsAndRedaction() {
        Properties p = new Properties();
        p.setProperty(StoreOptions.QUEUE, "0");
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.from(p));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***",
                JdbcUrls.redact("jdbc:postgresql://h/db?user=u&password=p@ss"));
        assertEquals("jdbc:sqlserver://h;databaseName=x;password=***",
                JdbcUrls.redact("jdbc:sqlserver://h;databaseName=x;password=zz"));
        assertEquals("jdbc:mysql://h/db", JdbcUrls.redact("jdbc:mysql://bob:pw@h/db"));
    }

    @Test
    void storeThatFailsLaterRefusesAppendsOrDropsWhenNotRequired() throws Exception {
        Properties p = props(false);
        JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(p));
        Properties lenientProps = props(false);
        lenientProps.setProperty(StoreOptions.REQUIRED, "false");
        JdbcProvenanceStore lenient = ProvenanceStores.open(StoreOptions.from(lenientProps));
        s.append(sample(1));
        s.flush();
        try (Connection c = DriverManager.getConnection(StoreOptions.embeddedUrl(tmp));
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE nlsql_provenance"); // the store breaks under the writer
        }
        s.append(sample(2));
        SQLException e = assertThrows(SQLException.class, s::flush); // after three retries
        assertEquals("58030", e.getSQLState());
        assertTrue(e.getMessage().contains("1 record(s) could not be written"), e.getMessage());
        assertEquals("58030", assertThrows(SQLException.class, () -> s.append(sample(3))).getSQLState());
        lenient.append(sample(4)); // required=false: dropped with a warning, the statement goes on
        assertThrows(SQLException.class, s::close);
        assertThrows(SQLException.class, lenient::close);
    }

    @Test
    void aRecordAppendedTwiceIsStoredOnceAndTheStoreKeepsWorking() throws Exception {
        ProvenanceRecord x = sample(7).toBuilder().id(ProvenanceIds.next()).user("twice").build();
        try (JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(props(true)))) {
            s.append(x);
            s.append(x); // its batch fails on the primary key; the retry leaves the stored one out
            ProvenanceRecord y = sample(8).toBuilder().id(null).user("twice").build();
            s.append(y);
            s.flush();
            assertEquals(x, s.find(x.id()).orElseThrow());
            assertEquals(y, s.find(y.id()).orElseThrow());
            assertEquals(2, s.list(null, 0).stream().filter(r -> "twice".equals(r.user())).count());
        }
    }
}
