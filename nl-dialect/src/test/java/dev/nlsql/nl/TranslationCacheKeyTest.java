package dev.nlsql.nl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.model.Candidate;
import dev.nlsql.model.DjlTranslator;
import dev.nlsql.model.ModelIdentity;
import dev.nlsql.model.TranslationException;
import dev.nlsql.model.TranslationRequest;
import dev.nlsql.model.Translator;
import dev.nlsql.policy.Engine;
import dev.nlsql.policy.SqlPolicy;
import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.SchemaSnapshot;
import dev.nlsql.provenance.SqlPack;
import dev.nlsql.provenance.StoreOptions;
import dev.nlsql.provenance.Translation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The translation cache key carries every setting that changes the chosen SQL: with the shipped
 * model on the real Chinook SQLite database and the persistent cache of a real provenance store
 * (embedded H2), dialects that differ only in {@code nlsql.nl.execGuided} or
 * {@code nlsql.nl.candidates} each ask the model and keep their own entry; the same settings
 * replay from the store.
 */
class TranslationCacheKeyTest {

    /**
     * With the shipped weights (nlsql-pointer-v1@eb55c149d03f, beam 4) execution-guided
     * selection answers this with {@code Customer.Country = ?} and the first valid candidate is
     * {@code Customer.LastName = ?} (no rows): a shared entry would replay the wrong one.
     */
    private static final String QUESTION = "ASK Which customers live in Canada?";

    static Connection chinook;
    static SchemaSnapshot schema;
    static DjlTranslator model;

    @TempDir
    Path home;

    @BeforeAll
    static void open() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        chinook = TestDatabases.openSqlite(TestDatabases.chinook());
        schema = TestDatabases.snapshot(chinook);
        model = DjlTranslator.fromClasspath(4);
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
        chinook.close();
    }

    private JdbcProvenanceStore store() throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.HOME, home.toString());
        p.setProperty(StoreOptions.SYNC, "true");
        return ProvenanceStores.open(StoreOptions.from(p));
    }

    private static NlContext ctx() {
        return new NlContext(Engine.SQLITE, schema, SqlPolicy.forEngine(Engine.SQLITE), chinook);
    }

    /** A dialect as the driver makes one per data source: fresh in-memory cache, the store's persistent one. */
    private static NlDialect dialect(Translator t, dev.nlsql.provenance.TranslationCache store, String... props)
            throws SQLException {
        Properties p = new Properties();
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        return NlDialect.create(p, t, store);
    }

    @Test
    void settingsThatChangeTheChoiceDoNotShareAnEntryAndEqualSettingsReplay() throws Exception {
        Counting t = new Counting(model);
        try (JdbcProvenanceStore s = store()) {
            Recording store = new Recording(s.translations());

            NlPlan guided = dialect(t, store).plan(QUESTION, null, ctx()).orElseThrow();
            NlPlan firstValid = dialect(t, store, "nlsql.nl.execGuided", "false").plan(QUESTION, null, ctx()).orElseThrow();
            NlPlan single = dialect(t, store, "nlsql.nl.candidates", "1").plan(QUESTION, null, ctx()).orElseThrow();
            assertEquals(List.of(PlanSource.MODEL, PlanSource.MODEL, PlanSource.MODEL),
                    List.of(guided.source(), firstValid.source(), single.source()));
            assertEquals(3, t.calls.get());
            // Before reranking rule v1 the two settings chose different SQL for this question
            // (Customer.Country = ? against Customer.LastName = ?); since v1 puts the value-consistent
            // candidate first, both choose Country. The key must still keep them apart: they can differ.
            assertTrue(NlDialectTest.run(chinook, guided).size() > 0, guided.sql());

            assertEquals(3, store.puts.size());
            assertEquals(3, store.puts.stream().map(dev.nlsql.provenance.TranslationKey::decodeSettings).distinct().count());
            String decode = store.puts.get(0).decodeSettings();
            assertTrue(decode.contains(model.identity().decodeConfig()), decode);
            assertTrue(decode.contains(";nl:candidates=4,execGuided=true,"), decode);
            assertTrue(store.puts.get(1).decodeSettings().contains(";nl:candidates=4,execGuided=false,"),
                    store.puts.get(1).decodeSettings());
            assertTrue(store.puts.get(2).decodeSettings().contains(";nl:candidates=1,execGuided=true,"),
                    store.puts.get(2).decodeSettings());
            // the provenance record names the same settings: how the SQL was chosen, not only the decoding
            // (the store's key adds the dialect in front)
            assertEquals(store.puts.get(0).decodeSettings(), "dialect=sqlite;" + guided.provenanceModel().get("decodeConfig"));
            assertEquals(store.puts.get(1).decodeSettings(), "dialect=sqlite;" + firstValid.provenanceModel().get("decodeConfig"));

            // new dialects (empty in-memory caches), same settings: each replays its own entry from the store
            NlPlan guidedAgain = dialect(t, store).plan(QUESTION, null, ctx()).orElseThrow();
            NlPlan firstValidAgain = dialect(t, store, "nlsql.nl.execGuided", "off").plan(QUESTION, null, ctx()).orElseThrow();
            NlPlan singleAgain = dialect(t, store, "nlsql.nl.candidates", "1").plan(QUESTION, null, ctx()).orElseThrow();
            assertEquals(List.of(PlanSource.CACHE, PlanSource.CACHE, PlanSource.CACHE),
                    List.of(guidedAgain.source(), firstValidAgain.source(), singleAgain.source()));
            assertEquals(List.of(guided.sql(), firstValid.sql(), single.sql()),
                    List.of(guidedAgain.sql(), firstValidAgain.sql(), singleAgain.sql()));
            assertEquals(3, t.calls.get());
        }
    }

    @Test
    void aSettingThatDoesNotChangeTheChoiceSharesTheEntry() throws Exception {
        Counting t = new Counting(model);
        try (JdbcProvenanceStore s = store()) {
            NlPlan first = dialect(t, s.translations()).plan(QUESTION, null, ctx()).orElseThrow();
            NlPlan other = dialect(t, s.translations(), "nlsql.nl.probe.timeoutMs", "5000", "nlsql.nl.cache.size", "10")
                    .plan(QUESTION, null, ctx()).orElseThrow();
            assertEquals(PlanSource.MODEL, first.source());
            assertEquals(PlanSource.CACHE, other.source());
            assertEquals(first.sql(), other.sql());
            assertEquals(1, t.calls.get());
        }
    }

    /** Delegates to the real model and counts its calls. */
    private static final class Counting implements Translator {
        private final Translator delegate;
        final AtomicInteger calls = new AtomicInteger();

        Counting(Translator delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Candidate> translate(TranslationRequest request) throws TranslationException {
            calls.incrementAndGet();
            return delegate.translate(request);
        }

        @Override
        public ModelIdentity identity() {
            return delegate.identity();
        }

        @Override
        public void close() {
            // the shared model is closed once, after the class
        }
    }

    /** Delegates to the real store's cache and records the keys written. */
    private static final class Recording implements dev.nlsql.provenance.TranslationCache {
        private final dev.nlsql.provenance.TranslationCache delegate;
        final List<dev.nlsql.provenance.TranslationKey> puts = new ArrayList<>();

        Recording(dev.nlsql.provenance.TranslationCache delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Translation> pinned(String schemaHash, String question) throws SQLException {
            return delegate.pinned(schemaHash, question);
        }

        @Override
        public Optional<Translation> get(dev.nlsql.provenance.TranslationKey key) throws SQLException {
            return delegate.get(key);
        }

        @Override
        public synchronized void put(dev.nlsql.provenance.TranslationKey key, Translation translation) throws SQLException {
            puts.add(key);
            delegate.put(key, translation);
        }

        @Override
        public int pin(SqlPack pack) throws SQLException {
            return delegate.pin(pack);
        }

        @Override
        public SqlPack exportPinned(String schemaHash, String name, String dialect) throws SQLException {
            return delegate.exportPinned(schemaHash, name, dialect);
        }
    }
}
