package dev.nlsql.provenance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.util.ServiceLoader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared part of a store: a HikariCP pool on the store's JDBC URL, a bounded queue and one
 * writer thread that inserts queued records in batches, one transaction per batch. Shared by
 * every {@link JdbcProvenanceStore} handle on the same URL (see {@link ProvenanceStores}).
 *
 * <p>Back-pressure: the queue is bounded; a full queue blocks the appending thread, nothing is
 * dropped. A failed batch is retried three times on a fresh connection (after 100, 400, 1600
 * ms); if it still fails the engine is marked failed: queued and later records are refused with
 * SQLState {@code 58030}, and the count of records that could not be written is reported.
 */
final class StoreEngine {
    private static final System.Logger LOG = System.getLogger(StoreEngine.class.getName());
    private static final long[] RETRY_MS = {100, 400, 1600};

    /**
     * A queued record, or a flush marker (record null); done is completed once committed. Compared
     * by identity only ({@link #STOP} is found with {@code ==}): a record's generated
     * {@code equals} would compare the {@link ProvenanceRecord} too, and loading that class on
     * the writer thread after the driver's class loader was closed failed with
     * {@code NoClassDefFoundError} (the DBeaver replay's stores, closed by the shutdown hook).
     */
    private static final class Item {
        private final ProvenanceRecord record;
        private final CompletableFuture<Void> done;

        Item(ProvenanceRecord record, CompletableFuture<Void> done) {
            this.record = record;
            this.done = done;
        }

        ProvenanceRecord record() {
            return record;
        }

        CompletableFuture<Void> done() {
            return done;
        }
    }

    private static final Item STOP = new Item(null, null);

    final StoreOptions options;
    final HikariDataSource pool;
    private final ArrayBlockingQueue<Item> queue;
    private final Thread writer;
    private final boolean uuidIds;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong unwritten = new AtomicLong();
    private volatile SQLException failure;
    private volatile boolean closed;

    /**
     * The JDBC driver for {@code url} visible to this class's own loader, or null. Providers whose
     * package names the URL's subprotocol ({@code org.h2.Driver} for {@code jdbc:h2:}) are tried
     * first, so that unrelated drivers are not initialized (some leave hooks behind that pin their
     * class loader: DuckDB's JFR periodic event).
     */
    private static Driver ownDriver(String url) {
        int colon = url.indexOf(':', 5);
        String sub = colon > 5 ? "." + url.substring(5, colon) + "." : null;
        for (boolean named : new boolean[] {sub != null, false}) {
            for (var it = ServiceLoader.load(Driver.class, StoreEngine.class.getClassLoader()).stream().iterator();
                    it.hasNext(); ) {
                try {
                    ServiceLoader.Provider<Driver> p = it.next();
                    if (named && !p.type().getName().contains(sub)) {
                        continue;
                    }
                    Driver d = p.get();
                    if (d.acceptsURL(url)) {
                        return d;
                    }
                } catch (SQLException | RuntimeException | java.util.ServiceConfigurationError e) {
                    // a driver that cannot answer (or a broken provider) is not the one
                }
            }
            if (!named) {
                break;
            }
        }
        return null;
    }

    StoreEngine(StoreOptions options) throws SQLException {
        this.options = options;
        HikariConfig cfg = new HikariConfig();
        // A tool that gives each driver its own class loader (DBeaver) hides our H2 from
        // DriverManager: use the driver found through our own loader, without DriverManager
        // (see DriverDataSource for why not by class name).
        Driver driver = ownDriver(options.url());
        if (driver != null) {
            cfg.setDataSource(new DriverDataSource(driver, options.url()));
        } else {
            cfg.setJdbcUrl(options.url());
        }
        if (options.user() != null) {
            cfg.setUsername(options.user());
        }
        if (options.password() != null) {
            cfg.setPassword(options.password());
        }
        cfg.setPoolName("nlsql-provenance");
        cfg.setMaximumPoolSize(4);
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(Math.max(250, options.timeoutMs()));
        cfg.setInitializationFailTimeout(1);
        try {
            pool = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw unavailable(options, cause);
        }
        try (Connection c = pool.getConnection()) {
            StoreMigrations.migrate(c);
            uuidIds = StoreMigrations.nativeUuid(c.getMetaData());
        } catch (SQLException e) {
            pool.close();
            throw unavailable(options, e);
        }
        queue = new ArrayBlockingQueue<>(options.queueCapacity());
        writer = new Thread(this::writeLoop, "nlsql-provenance-writer");
        writer.setDaemon(true);
        writer.start();
    }

    static SQLException unavailable(StoreOptions o, Throwable cause) {
        String why = String.valueOf(cause.getMessage()).strip().replaceAll("\\.+$", "");
        return new SQLException("provenance store unavailable at " + o.redactedUrl() + ": " + why
                + ". Fix nlsql.provenance.url, or set nlsql.provenance.required=false to run statements unrecorded",
                "58030", cause);
    }

    /** Queues {@code r}; with {@code sync} waits until it is committed. */
    void append(ProvenanceRecord r, boolean sync) throws SQLException {
        checkOpen();
        if (uuidIds) {
            try {
                UUID.fromString(r.id());
            } catch (RuntimeException e) {
                throw new SQLException("provenance record id must be a UUID, got: " + r.id(), "22023", e);
            }
        }
        CompletableFuture<Void> done = sync ? new CompletableFuture<>() : null;
        put(new Item(r, done));
        if (sync) {
            await(done);
        }
    }

    /** Waits until every record queued before this call is committed. */
    void flush() throws SQLException {
        checkOpen();
        if (Thread.currentThread() == writer) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        put(new Item(null, done));
        await(done);
    }

    long written() {
        return written.get();
    }

    private void put(Item item) throws SQLException {
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                checkOpen();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for room in the provenance queue", "58030", e);
        }
    }

    private void await(CompletableFuture<Void> done) throws SQLException {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the provenance store", "58030", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof SQLException s ? s : new SQLException("provenance write failed: " + c, "58030", c);
        }
    }

    private SQLException failedException() {
        return new SQLException("provenance store at " + options.redactedUrl() + " failed; " + unwritten.get()
                + " record(s) could not be written: " + failure.getMessage(), "58030", failure);
    }

    private void checkOpen() throws SQLException {
        if (failure != null) {
            throw failedException();
        }
        if (closed) {
            throw new SQLException("provenance store is closed", "58030");
        }
    }

    /**
     * The writer thread: batches until {@link #STOP}, then refuses what landed after it. An
     * unexpected exception or error ends the thread with the store marked failed, so that no
     * caller waits forever on a record the writer will never take.
     */
    private void writeLoop() {
        List<Item> batch = new ArrayList<>(options.batchSize());
        boolean stop = false;
        try {
            while (!stop) {
                try {
                    Item first = queue.take();
                    batch.add(first);
                    queue.drainTo(batch, options.batchSize() - 1);
                } catch (InterruptedException e) {
                    // close() never interrupts; keep draining
                    continue;
                }
                for (Item i : batch) {
                    stop |= i == STOP;
                }
                write(batch);
                batch.clear();
            }
        } catch (RuntimeException | Error e) {
            failure = new SQLException("provenance writer stopped: " + e, "58030", e);
            refuse(batch);
            throw e; // reported by the thread's uncaught-exception handler
        } finally {
            closeWriterConnection();
            // appends that raced with close() and landed after STOP: refuse them, count them
            List<Item> late = new ArrayList<>();
            queue.drainTo(late);
            refuse(late);
        }
    }

    /** Counts the records of {@code items} as unwritten and fails their waiters (58030). */
    private void refuse(List<Item> items) {
        for (Item i : items) {
            if (i == STOP) {
                continue;
            }
            if (i.record() != null) {
                unwritten.incrementAndGet();
            }
            if (i.done() != null) {
                i.done().completeExceptionally(failure != null ? failedException()
                        : new SQLException("provenance store closed before the record was written", "58030"));
            }
        }
    }

    private void write(List<Item> batch) {
        List<Item> records = new ArrayList<>(batch.size());
        for (Item i : batch) {
            if (i != STOP && i.record() != null) {
                records.add(i);
            }
        }
        SQLException last = failure;
        if (last == null && !records.isEmpty()) {
            for (int attempt = 0; attempt <= RETRY_MS.length; attempt++) {
                try {
                    // a retry leaves out what is already stored: a failed attempt may have
                    // committed (H2 closing under the writer did), or an id was appended twice
                    List<Item> todo = attempt == 0 ? records : notYetStored(records);
                    if (!todo.isEmpty()) {
                        insert(todo);
                    }
                    written.addAndGet(records.size());
                    last = null;
                    break;
                } catch (SQLException e) {
                    last = e;
                    LOG.log(System.Logger.Level.WARNING, "provenance batch of " + records.size()
                            + " failed (attempt " + (attempt + 1) + "): " + e.getMessage());
                    if (attempt < RETRY_MS.length) {
                        sleep(RETRY_MS[attempt]);
                    }
                }
            }
            if (last != null) {
                unwritten.addAndGet(records.size());
                failure = last;
            }
        } else if (last != null) {
            unwritten.addAndGet(records.size());
        }
        for (Item i : batch) {
            if (i != STOP && i.done() != null) {
                if (failure == null) {
                    i.done().complete(null);
                } else {
                    i.done().completeExceptionally(failedException());
                }
            }
        }
    }

    private static final String INSERT = "INSERT INTO nlsql_provenance (id, time_ms, user_name, decision, schema_hash,"
            + " result_hash, row_count, complete, record_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The writer thread's own connection (autocommit off) and its prepared insert, kept between batches. */
    private Connection writerConnection;
    private PreparedStatement writerInsert;

    /** Inserts one batch in one transaction on the writer's connection; on failure drops that connection. */
    private void insert(List<Item> records) throws SQLException {
        PreparedStatement ps = writerInsert();
        Connection c = writerConnection;
        try {
            for (Item i : records) {
                ProvenanceRecord r = i.record();
                setId(ps, 1, r.id());
                ps.setLong(2, r.time() == null ? 0L : r.time().toEpochMilli());
                ps.setString(3, r.user());
                ps.setString(4, r.decision());
                ps.setString(5, r.schemaHash());
                ps.setString(6, r.resultHashUnordered());
                ps.setLong(7, r.rowCount());
                ps.setBoolean(8, r.complete());
                ps.setString(9, ProvenanceJson.write(r));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                e.addSuppressed(ignored);
            }
            closeWriterConnection(); // a retry starts on a fresh connection
            throw e;
        }
    }

    /**
     * The records of {@code records} whose id is not in the store yet, each id once; logs a
     * warning naming how many were left out.
     */
    private List<Item> notYetStored(List<Item> records) throws SQLException {
        List<Item> out = new ArrayList<>(records.size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM nlsql_provenance WHERE id = ?")) {
            for (Item i : records) {
                String id = i.record().id();
                if (!seen.add(id)) {
                    continue;
                }
                setId(ps, 1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) == 0) {
                        out.add(i);
                    }
                }
            }
        }
        if (out.size() < records.size()) {
            LOG.log(System.Logger.Level.WARNING, (records.size() - out.size()) + " of " + records.size()
                    + " provenance records of a failed batch are already stored (committed by the failed attempt,"
                    + " or the same id appended twice); they are not inserted again");
        }
        return out;
    }

    private PreparedStatement writerInsert() throws SQLException {
        if (writerInsert == null) {
            Connection c = pool.getConnection();
            try {
                c.setAutoCommit(false);
                writerInsert = c.prepareStatement(INSERT);
                writerConnection = c;
            } catch (SQLException e) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    e.addSuppressed(ignored);
                }
                throw e;
            }
        }
        return writerInsert;
    }

    private void closeWriterConnection() {
        Connection c = writerConnection;
        writerConnection = null;
        writerInsert = null;
        if (c != null) {
            try {
                c.close(); // the pool closes the statement with it
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the provenance writer's connection: " + e.getMessage());
            }
        }
    }

    private void setId(PreparedStatement ps, int i, String id) throws SQLException {
        if (uuidIds) {
            ps.setObject(i, UUID.fromString(id));
        } else {
            ps.setString(i, id);
        }
    }

    Optional<ProvenanceRecord> find(String id) throws SQLException {
        if (uuidIds) {
            try {
                UUID.fromString(id);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT record_json FROM nlsql_provenance WHERE id = ?")) {
            setId(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ProvenanceJson.read(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Records whose id starts with {@code prefix} (at most 2, to detect ambiguity). */
    List<ProvenanceRecord> findByPrefix(String prefix) throws SQLException {
        List<ProvenanceRecord> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT record_json FROM nlsql_provenance WHERE CAST(id AS VARCHAR(64)) LIKE ? ORDER BY id")) {
            ps.setString(1, prefix.replace("%", "").replace("_", "") + "%");
            ps.setMaxRows(2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ProvenanceJson.read(rs.getString(1)));
                }
            }
        }
        return out;
    }

    List<ProvenanceRecord> list(Instant since, int limit) throws SQLException {
        List<ProvenanceRecord> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT record_json FROM nlsql_provenance WHERE time_ms >= ?"
                     + " ORDER BY time_ms, id")) {
            ps.setLong(1, since == null ? Long.MIN_VALUE : since.toEpochMilli());
            if (limit > 0) {
                ps.setMaxRows(limit);
            }
            ps.setFetchSize(limit > 0 ? Math.min(500, limit) : 500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ProvenanceJson.read(rs.getString(1)));
                }
            }
        }
        return out;
    }

    long count() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM nlsql_provenance");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stops the writer after everything queued is written, then closes the pool. */
    void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(STOP);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        pool.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (unwritten.get() > 0) {
            throw new SQLException(unwritten.get() + " provenance record(s) could not be written to "
                    + options.redactedUrl() + ": " + (failure == null ? "unknown" : failure.getMessage()), "58030", failure);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
