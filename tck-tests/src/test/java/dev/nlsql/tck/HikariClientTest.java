package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HikariCP pool configured the way users do it ({@code jdbcUrl} + {@code driverClassName}),
 * in front of each engine: concurrent point queries give the raw driver's answers, and
 * statement errors do not make the pool evict connections (nlsql must not use SQLStates
 * {@code 08xxx} / {@code 0A000} for them).
 */
class HikariClientTest {

    static final String DRIVER_CLASS = "dev.nlsql.driver.NlsqlDriver";

    @ParameterizedTest
    @EnumSource(Engine.class)
    void poolServesConcurrentQueriesAndKeepsConnectionsAfterErrors(Engine engine) throws Exception {
        try (TckDatabase db = TckDatabase.create(engine)) {
            Map<Integer, String> expected = new HashMap<>();
            try (Connection c = db.openRaw(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT artist_id, name FROM artist")) {
                while (rs.next()) {
                    expected.put(rs.getInt(1), rs.getString(2));
                }
            }
            assertEquals(5, expected.size());

            AtomicInteger created = new AtomicInteger();
            HikariConfig config = new HikariConfig();
            boolean control = Boolean.getBoolean("nlsql.tck.control"); // control run: the raw driver
            config.setJdbcUrl(control ? db.rawUrl : db.nlsqlUrl());
            config.setDriverClassName(control ? java.sql.DriverManager.getDriver(db.rawUrl).getClass().getName()
                    : DRIVER_CLASS);
            config.setMaximumPoolSize(3);
            config.setMinimumIdle(3);
            config.setPoolName("tck-" + engine.id);
            config.setMetricsTrackerFactory(countingCreations(created));
            try (HikariDataSource pool = new HikariDataSource(config)) {
                ExecutorService threads = Executors.newFixedThreadPool(4);
                try {
                    List<Future<Integer>> results = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        results.add(threads.submit(() -> pointQueries(pool, expected, 100)));
                    }
                    for (Future<Integer> f : results) {
                        assertEquals(100, f.get());
                    }
                } finally {
                    threads.shutdownNow();
                }
                // Hikari fills the pool in the background (its first connection is not counted): wait for 3
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (pool.getHikariPoolMXBean().getTotalConnections() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(3, pool.getHikariPoolMXBean().getTotalConnections());
                int createdBeforeErrors = created.get();

                for (String bad : List.of("SELEC 1", "SELECT * FROM no_such_table", "SELECT no_such_col FROM artist")) {
                    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                        SQLException e = assertThrows(SQLException.class, () -> st.executeQuery(bad).close(), bad);
                        String state = String.valueOf(e.getSQLState());
                        assertFalse(state.startsWith("08") || state.equals("0A000"),
                                bad + " gave SQLState " + state + ", which makes pools evict the connection");
                    }
                }
                // the same connections serve the next queries: none was evicted and replaced
                assertEquals(10, pointQueries(pool, expected, 10));
                assertEquals(createdBeforeErrors, created.get(), "connections were replaced after statement errors");
                assertEquals(3, pool.getHikariPoolMXBean().getTotalConnections());
                assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
            }
        }
    }

    /** The other way pools are configured: {@code dataSourceClassName} and bean properties. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "POSTGRESQL"})
    void poolOverTheNlsqlDataSource(Engine engine) throws Exception {
        try (TckDatabase db = TckDatabase.create(engine)) {
            HikariConfig config = new HikariConfig();
            config.setDataSourceClassName("dev.nlsql.driver.NlsqlDataSource");
            config.addDataSourceProperty("url", db.nlsqlUrl());
            config.setMaximumPoolSize(2);
            config.setPoolName("tck-ds-" + engine.id);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                Map<Integer, String> expected = Map.of(1, "AC/DC", 2, "Guns N' Roses", 3, "Sigur Rós",
                        4, "Björk", 5, "Anonymous");
                assertEquals(50, pointQueries(pool, expected, 50));
                try (Connection c = pool.getConnection()) {
                    assertTrue(c.getMetaData().getURL().startsWith("jdbc:nlsql:"), c.getMetaData().getURL());
                }
            }
        }
    }

    private static int pointQueries(HikariDataSource pool, Map<Integer, String> expected, int n) throws SQLException {
        int ok = 0;
        for (int i = 0; i < n; i++) {
            int id = 1 + i % expected.size();
            try (Connection c = pool.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT name FROM artist WHERE artist_id = ?")) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(expected.get(id), rs.getString(1));
                    assertFalse(rs.next());
                    ok++;
                }
            }
        }
        return ok;
    }

    /** A Hikari metrics tracker that only counts physical connections created. */
    private static MetricsTrackerFactory countingCreations(AtomicInteger created) {
        return (String poolName, PoolStats stats) -> new IMetricsTracker() {
            @Override
            public void recordConnectionCreatedMillis(long millis) {
                created.incrementAndGet();
            }
        };
    }
}
