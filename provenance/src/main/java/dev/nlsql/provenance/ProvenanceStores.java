package dev.nlsql.provenance;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens provenance stores from options (see {@link StoreOptions} for every option). Stores on
 * the same URL and user share one engine (pool, queue, writer thread), reference-counted; a JVM
 * shutdown hook closes engines still open, so records queued before {@code System.exit} are
 * written.
 *
 * <p>Lifecycle: the first engine opened registers the hook ({@code nlsql-provenance-shutdown});
 * closing the last handle of the last open engine stops its writer, closes its pool and removes
 * the hook again ({@link Runtime#removeShutdownHook}), so that nothing of this class loader is
 * left running or referenced from the JDK once every handle is closed (an unloaded JDBC driver's
 * class loader can then be collected).
 */
public final class ProvenanceStores {
    private static final System.Logger LOG = System.getLogger(ProvenanceStores.class.getName());
    private static final Map<String, Shared> OPEN = new HashMap<>();
    /** The registered shutdown hook, or null while no engine is open. Guarded by OPEN. */
    private static Thread hook;

    private static final class Shared {
        final StoreEngine engine;
        int refs;

        Shared(StoreEngine engine) {
            this.engine = engine;
        }
    }

    private ProvenanceStores() {}

    /**
     * Opens the store the options name.
     *
     * @param props connection properties ({@code nlsql.provenance.*}); may be null
     * @return a {@link JdbcProvenanceStore}; or, when the store cannot be opened and
     *     {@code nlsql.provenance.required=false}, a store that discards records (with one warning)
     * @throws SQLException SQLState {@code 58030} when the store is unavailable and required
     */
    public static ProvenanceStore open(Properties props) throws SQLException {
        StoreOptions o = StoreOptions.from(props);
        try {
            return open(o);
        } catch (SQLException e) {
            if (o.required()) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "provenance disabled (nlsql.provenance.required=false): "
                    + e.getMessage());
            return new DiscardingStore(e.getMessage());
        }
    }

    /**
     * Opens (or shares) the JDBC store of {@code o}, migrating its schema on first open.
     *
     * @throws SQLException SQLState {@code 58030} when it cannot be reached or migrated
     */
    public static JdbcProvenanceStore open(StoreOptions o) throws SQLException {
        String key = o.url() + "\0" + o.user();
        synchronized (OPEN) {
            Shared s = OPEN.get(key);
            if (s == null) {
                s = new Shared(new StoreEngine(o));
                OPEN.put(key, s);
                installHook();
            }
            s.refs++;
            Shared shared = s;
            return new JdbcProvenanceStore(s.engine, o.sync(), o.required(), () -> release(key, shared));
        }
    }

    private static void release(String key, Shared s) {
        boolean last;
        synchronized (OPEN) {
            last = --s.refs == 0;
            if (last) {
                OPEN.remove(key);
                if (OPEN.isEmpty()) {
                    removeHook();
                }
            }
        }
        if (last) {
            try {
                s.engine.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.ERROR, e.getMessage());
            }
        }
    }

    /**
     * Engines open in this class loader (each shared by one or more handles); 0 once every handle
     * is closed.
     */
    public static int openEngines() {
        synchronized (OPEN) {
            return OPEN.size();
        }
    }

    /** Whether the JVM shutdown hook of this class loader's stores is registered (while an engine is open). */
    public static boolean shutdownHookRegistered() {
        synchronized (OPEN) {
            return hook != null;
        }
    }

    /** Called holding OPEN. */
    private static void installHook() {
        if (hook != null) {
            return;
        }
        Thread h = new Thread(ProvenanceStores::closeAllAtExit, "nlsql-provenance-shutdown");
        Runtime.getRuntime().addShutdownHook(h);
        hook = h;
    }

    /** Called holding OPEN, once no engine is open. */
    private static void removeHook() {
        Thread h = hook;
        if (h == null) {
            return;
        }
        hook = null;
        try {
            Runtime.getRuntime().removeShutdownHook(h);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) and finds nothing open
        }
    }

    private static void closeAllAtExit() {
        List<Shared> all;
        synchronized (OPEN) {
            all = List.copyOf(OPEN.values());
            OPEN.clear();
        }
        for (Shared s : all) {
            try {
                s.engine.close();
            } catch (SQLException | RuntimeException e) {
                System.err.println("nlsql: " + e.getMessage());
            }
        }
    }

    /** What {@link #open(Properties)} returns when the store is unavailable and not required. */
    static final class DiscardingStore implements ProvenanceStore {
        private final String reason;

        DiscardingStore(String reason) {
            this.reason = reason;
        }

        @Override
        public void append(ProvenanceRecord record) {}

        @Override
        public void flush() {}

        @Override
        public Optional<ProvenanceRecord> find(String id) {
            return Optional.empty();
        }

        @Override
        public List<ProvenanceRecord> list(Instant since, int limit) {
            return List.of();
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "provenance disabled: " + reason;
        }
    }
}
