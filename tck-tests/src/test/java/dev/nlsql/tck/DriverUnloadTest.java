package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nlsql.provenance.JdbcProvenanceStore;
import dev.nlsql.provenance.ProvenanceStores;
import dev.nlsql.provenance.StoreOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The application-server redeploy (or tool driver reload): the nlsql driver is loaded in a class
 * loader of its own (the test class path, platform loader as parent, as
 * {@link DbeaverConnectSequenceTest} does), used with provenance on (the embedded store under a
 * temporary {@code nlsql.provenance.home}), its connection closed, the driver deregistered through
 * {@link DriverManager#deregisterDriver} (by {@link DriverUnloader}, loaded in that loader, as the
 * caller must see the driver's class) and the loader closed. Then no {@code nlsql*} thread may be
 * left (writer, HikariCP pool threads, query watchdog), the stores' shutdown hook must be gone,
 * every record must be in the store, and nothing may fail with {@code NoClassDefFoundError}.
 */
class DriverUnloadTest {

    private static final int STATEMENTS = 300;
    private static final int PREPARED = 50;

    @Test
    void deregisteringStopsEveryThreadAndWritesEveryRecord() throws Exception {
        String homeBefore = System.getProperty(StoreOptions.HOME);
        Path home = Files.createTempDirectory("nlsql-unload-prov");
        System.setProperty(StoreOptions.HOME, home.toString());
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler handlerBefore = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        PrintStream errBefore = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(errBefore, err), true, StandardCharsets.UTF_8));
        try (TckDatabase db = TckDatabase.create(Engine.SQLITE)) {
            WeakReference<ClassLoader> unloaded;
            List<Driver> duckdb = withoutDuckDb();
            try {
                unloaded = onThreadOfItsOwn(() -> useAndUnload(db));
            } finally {
                for (Driver d : duckdb) {
                    DriverManager.registerDriver(d);
                }
            }
            Thread.sleep(200); // anything still running code from the closed loader fails now
            try (JdbcProvenanceStore store = ProvenanceStores.open(StoreOptions.from(null))) {
                assertEquals(STATEMENTS + PREPARED, store.count(), "records in the store after the unload");
            }
            // JDK 17 keeps the last record equals method handle's asType conversion strongly
            // (ObjectMethods.OBJECT_EQ.asTypeCache): one record equals of our own displaces the
            // driver's record class from it
            assertEquals(new Probe("x"), new Probe("x"));
            for (int i = 0; i < 100 && unloaded.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertTrue(unloaded.get() == null, "the driver's class loader is still reachable after deregisterDriver");
        } finally {
            System.setErr(errBefore);
            Thread.setDefaultUncaughtExceptionHandler(handlerBefore);
            if (homeBefore == null) {
                System.clearProperty(StoreOptions.HOME);
            } else {
                System.setProperty(StoreOptions.HOME, homeBefore);
            }
        }
        assertEquals(List.of(), uncaught, "uncaught exceptions in background threads");
        String log = err.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("NoClassDefFoundError") || log.contains("ClassNotFoundException"), log);
    }

    /**
     * Loads the driver in a fresh loader, records {@value #STATEMENTS} + {@value #PREPARED}
     * statements, closes the connection, deregisters the driver, checks that its threads and
     * shutdown hook are gone and closes the loader.
     */
    private static WeakReference<ClassLoader> useAndUnload(TckDatabase db) throws Exception {
        URLClassLoader loader = new URLClassLoader(DbeaverConnectSequenceTest.classPath(),
                ClassLoader.getPlatformClassLoader());
        try (loader) {
            Driver driver = (Driver) loader.loadClass(HikariClientTest.DRIVER_CLASS).getDeclaredConstructor()
                    .newInstance();
            assertEquals(loader, driver.getClass().getClassLoader(), "the driver must be the loader's own copy");
            try (Connection c = driver.connect(db.nlsqlUrl(), new Properties())) {
                String album = db.table("album");
                try (Statement s = c.createStatement()) {
                    for (int i = 0; i < STATEMENTS; i++) {
                        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + album + " WHERE album_id > " + i)) {
                            assertTrue(rs.next());
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT title FROM " + album + " WHERE album_id = ?")) {
                    for (int i = 0; i < PREPARED; i++) {
                        ps.setInt(1, i);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(1);
                            }
                        }
                    }
                }
                // the background work the unload must stop is really there
                assertTrue(nlsqlThreads().contains("nlsql-provenance-writer"), nlsqlThreads().toString());
                assertTrue(nlsqlThreads().contains("nlsql-query-watchdog"), nlsqlThreads().toString());
            }
            Class<?> stores = loader.loadClass(ProvenanceStores.class.getName());
            assertTrue((Boolean) stores.getMethod("shutdownHookRegistered").invoke(null),
                    "closing the connection alone leaves the shared store open");

            @SuppressWarnings("unchecked")
            List<String> deregistered = (List<String>) loader.loadClass(DriverUnloader.class.getName())
                    .getMethod("deregisterOwn").invoke(null);
            assertTrue(deregistered.contains(HikariClientTest.DRIVER_CLASS), deregistered.toString());

            assertEquals(List.of(), nlsqlThreadsAfter(2000), "nlsql threads still alive 2 s after deregisterDriver");
            assertEquals(0, stores.getMethod("openEngines").invoke(null));
            assertFalse((Boolean) stores.getMethod("shutdownHookRegistered").invoke(null),
                    "the stores' shutdown hook still holds the driver's class loader");
        }
        return new WeakReference<>(loader);
    }

    /**
     * Deregisters this class loader's DuckDB drivers (registered when DriverManager first loaded
     * the class path's drivers) and returns them. While they are registered,
     * {@link DriverManager#getDrivers()} called from the driver's loader (here by
     * {@link DriverUnloader}, in Tomcat by its leak prevention) initializes that loader's copy of
     * every registered driver's class ({@code isDriverAllowed}), and DuckDB's driver registers a
     * JFR periodic event on initialization that pins its class loader for good: DuckDB's leak,
     * not nlsql's, so it is kept out of this test.
     */
    private static List<Driver> withoutDuckDb() throws SQLException {
        List<Driver> out = new ArrayList<>();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getName().startsWith("org.duckdb.")) {
                DriverManager.deregisterDriver(d);
                out.add(d);
            }
        }
        return out;
    }

    private record Probe(String value) {}

    private interface Work<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code work} on a new thread and waits for it: the policy module keeps a Calcite parser
     * per thread ({@code ReusableParser}, a ThreadLocal) in every thread that ran a statement, and
     * that value pins the driver's class loader for as long as the thread lives (a leak of its
     * own, outside this fix, reported); the thread ending drops it.
     */
    private static <T> T onThreadOfItsOwn(Work<T> work) throws Exception {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(work.run());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "driver-unload-test");
        t.start();
        t.join();
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    /** The {@code nlsql*} threads still alive once none is, or {@code waitMs} ms have passed. */
    static List<String> nlsqlThreadsAfter(long waitMs) throws InterruptedException {
        List<String> left = nlsqlThreads();
        for (long end = System.nanoTime() + waitMs * 1_000_000L; !left.isEmpty() && System.nanoTime() < end; ) {
            Thread.sleep(20);
            left = nlsqlThreads();
        }
        return left;
    }

    /** Names of live threads whose name starts with {@code nlsql}. */
    static List<String> nlsqlThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("nlsql")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** Writes to two streams (the console and a buffer the test reads). */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
