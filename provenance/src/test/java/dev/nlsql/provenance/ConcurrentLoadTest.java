package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 32 threads run statements through a HikariCP pool and record each one: the count is exact. */
class ConcurrentLoadTest {
    static final int THREADS = 32;

    @TempDir
    Path tmp;

    private static HikariDataSource sourcePool() throws Exception {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:h2:mem:load" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        cfg.setMaximumPoolSize(8);
        HikariDataSource ds = new HikariDataSource(cfg);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2))");
            st.execute("INSERT INTO item SELECT x, 'item' || x, x / 4.0 FROM SYSTEM_RANGE(1, 100)");
        }
        return ds;
    }

    /** Runs {@code perThread} statements on each of 32 threads, recording each; returns the ids. */
    private static Set<String> load(HikariDataSource source, ProvenanceStore store, int perThread, String tag)
            throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String sql = "SELECT id, name, price FROM item WHERE id <= ?";
                        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                            int n = 1 + (i + thread) % 5;
                            ps.setInt(1, n);
                            CanonicalResultDigest d;
                            try (ResultSet rs = ps.executeQuery()) {
                                d = CanonicalResultDigest.of(rs);
                            }
                            ProvenanceRecord r = ProvenanceRecord.builder().user(tag).statement(sql).sql(sql)
                                    .parameters(List.of(ParameterCodec.describe(1, n))).rowCount(d.rowCount())
                                    .resultHashOrdered(d.orderedHex()).resultHashUnordered(d.unorderedHex())
                                    .complete(true).build();
                            store.append(r);
                            ids.add(r.id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return ids;
    }

    @Test
    void embeddedStoreRecordsEveryStatement() throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.HOME, tmp.toString());
        p.setProperty(StoreOptions.QUEUE, "1024"); // small queue: back-pressure is exercised
        int perThread = 1000;
        Set<String> ids;
        try (HikariDataSource source = sourcePool(); ProvenanceStore store = ProvenanceStores.open(p)) {
            ids = load(source, store, perThread, "load");
        }
        assertEquals(THREADS * perThread, ids.size());
        try (JdbcProvenanceStore s = ProvenanceStores.open(StoreOptions.from(p))) {
            assertEquals(THREADS * perThread, s.count());
            for (String id : List.copyOf(ids).subList(0, 50)) {
                assertEquals(id, s.find(id).orElseThrow().id());
            }
        }
    }

    @Test
    void postgresStoreRecordsEveryStatement() throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.URL, TestDbs.pgUrl("nlsql_prov"));
        String tag = "load-" + UUID.randomUUID();
        int perThread = 200;
        Set<String> ids;
        try (HikariDataSource source = sourcePool(); ProvenanceStore store = ProvenanceStores.open(p)) {
            ids = load(source, store, perThread, tag);
        }
        assertEquals(THREADS * perThread, ids.size());
        try (Connection c = TestDbs.pg("nlsql_prov");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT id) FROM nlsql_provenance WHERE user_name = ?")) {
            ps.setString(1, tag);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(THREADS * perThread, rs.getInt(1));
                assertEquals(THREADS * perThread, rs.getInt(2));
            }
        }
    }
}
