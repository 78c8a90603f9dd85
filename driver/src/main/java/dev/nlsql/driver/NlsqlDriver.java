package dev.nlsql.driver;

import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.driver.backend.Backends;
import dev.nlsql.driver.backend.OpenRequest;
import dev.nlsql.driver.jdbc.NlsqlConnection;
import dev.nlsql.driver.pipeline.DefaultPipelineStages;
import dev.nlsql.driver.pipeline.PipelineStages;
import dev.nlsql.driver.pipeline.QueryWatchdog;
import dev.nlsql.driver.pipeline.StatementPipeline;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The nlsql JDBC driver: {@code jdbc:nlsql:} followed by the target driver's URL without its
 * {@code jdbc:}, e.g. {@code jdbc:nlsql:sqlite:/data/Chinook.sqlite}. Registered through
 * {@code META-INF/services/java.sql.Driver} and with {@link DriverManager} when loaded.
 *
 * <p>{@link #connect} reads the {@code nlsql.*} options ({@link NlsqlConfig}), strips them from
 * the properties, lets the engine's {@link Backend} rewrite the target URL (read-only opening,
 * dangerous options removed), finds the target driver (first through {@link ServiceLoader} with
 * this driver's own class loader, as DBeaver gives each driver its own loader, then
 * {@link DriverManager}), opens the target, prepares scratch, and returns an
 * {@link NlsqlConnection}. Any failure closes what was opened and throws 08001 (22023 for a bad
 * option).
 */
public final class NlsqlDriver implements Driver {

    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;

    private static final ConcurrentHashMap<String, PipelineStages> STAGES = new ConcurrentHashMap<>();
    /** Target drivers found through ServiceLoader, by URL prefix ({@code jdbc:sqlite:}). */
    private static final ConcurrentHashMap<String, Driver> FOUND = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(new NlsqlDriver(), NlsqlDriver::unload);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The {@link java.sql.DriverAction} run by {@link DriverManager#deregisterDriver} (an
     * application server undeploying, a tool reloading its driver): stops nlsql's background work
     * in this class loader so that none of it outlives the loader. In order: every pipeline
     * stages instance is closed (its provenance store handles flush, so records appended before
     * are written, as on a normal close; the last handle on a store stops the
     * {@code nlsql-provenance-writer} thread and the store's HikariCP pool, and removes the
     * stores' JVM shutdown hook); the shared translators are closed (the built-in model's native
     * memory); the {@code nlsql-query-watchdog} thread is stopped. Failures are logged (WARNING on
     * the {@code dev.nlsql} logger), not thrown. Connections still open keep working on their
     * target but can no longer record (SQLState {@code 58030}); close them first.
     */
    static void unload() {
        Logger log = getParentLoggerStatic();
        List<PipelineStages> all = new ArrayList<>(STAGES.values());
        STAGES.clear();
        for (PipelineStages s : all) {
            try {
                s.close();
            } catch (SQLException | RuntimeException e) {
                log.warning("nlsql: closing " + s.getClass().getName() + " on deregistration: " + e.getMessage());
            }
        }
        DefaultPipelineStages.closeTranslators();
        if (!QueryWatchdog.get().stop(1000)) {
            log.warning("nlsql: the query watchdog thread did not stop within 1000 ms");
        }
        FOUND.clear();
    }

    @Override
    public boolean acceptsURL(String url) {
        return NlsqlUrl.accepts(url);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        NlsqlUrl parsed = NlsqlUrl.parse(url);
        NlsqlConfig config = NlsqlConfig.from(info);
        Backend backend = Backends.forTarget(parsed.target());
        OpenRequest request = backend.openRequest(parsed.targetUrl(), NlsqlConfig.targetProperties(info), config);
        Driver target = targetDriver(request.url());
        PipelineStages stages = stages(config);
        Connection raw;
        try {
            raw = target.connect(request.url(), request.properties());
        } catch (SQLException e) {
            throw SqlStates.connectionFailed("cannot open " + NlsqlUrl.redact(parsed.targetUrl()) + " through "
                    + target.getClass().getName() + ": " + e.getMessage(), e);
        }
        if (raw == null) {
            throw SqlStates.connectionFailed("the target driver " + target.getClass().getName() + " did not accept "
                    + NlsqlUrl.redact(request.url()), null);
        }
        try {
            BackendSession session = backend.initialize(raw, request, config);
            String user = request.properties().getProperty("user");
            StatementPipeline pipeline = new StatementPipeline(raw, backend, session, config, stages, user,
                    parsed.redactedTargetUrl());
            boolean engineReadOnly = backend.engineReadOnly(raw, request);
            if (request.readOnly() && !engineReadOnly) {
                getParentLoggerStatic().warning("nlsql: " + NlsqlUrl.redact(parsed.targetUrl())
                        + " could not be opened read-only by the engine (already open read-write in this JVM?);"
                        + " the policy is the only wall for this connection");
            }
            NlsqlConnection connection = new NlsqlConnection(raw, config, backend, session, pipeline, request.url());
            connection.clientUrl(url);
            connection.engineReadOnly(engineReadOnly);
            return connection;
        } catch (SQLException | RuntimeException e) {
            try {
                raw.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SQLException se && SqlStates.BAD_PARAMETER.equals(se.getSQLState())) {
                throw se;
            }
            throw SqlStates.connectionFailed("cannot prepare " + NlsqlUrl.redact(parsed.targetUrl()) + " for nlsql ("
                    + backend.engine().id() + "): " + e.getMessage(), e);
        }
    }

    /**
     * The driver that accepts {@code targetUrl}: service providers visible to this driver's class
     * loader first (skipping nlsql itself), then {@link DriverManager}.
     *
     * @throws SQLException 08001 when none accepts it
     */
    public static Driver targetDriver(String targetUrl) throws SQLException {
        int colon = targetUrl.indexOf(':', 5);
        String prefix = colon > 0 ? targetUrl.substring(0, colon + 1) : targetUrl;
        Driver cached = FOUND.get(prefix);
        if (cached != null && acceptsQuietly(cached, targetUrl)) {
            return cached;
        }
        ClassLoader loader = NlsqlDriver.class.getClassLoader();
        // first the providers whose package names the subprotocol (org.sqlite.JDBC for sqlite:),
        // then all: instantiating a provider initializes its class, and some drivers leave
        // loader-pinning hooks behind on initialization (DuckDB registers a JFR periodic event)
        String pkg = "." + prefix.substring(5, Math.max(5, prefix.length() - 1)) + ".";
        for (boolean named : new boolean[] {true, false}) {
            Iterator<ServiceLoader.Provider<Driver>> it = ServiceLoader.load(Driver.class, loader).stream().iterator();
            while (true) {
                Driver d;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    ServiceLoader.Provider<Driver> p = it.next();
                    if (named && !p.type().getName().contains(pkg)) {
                        continue;
                    }
                    d = p.get();
                } catch (ServiceConfigurationError e) {
                    continue; // a broken provider on the class path: try the next one
                }
                if (!(d instanceof NlsqlDriver) && acceptsQuietly(d, targetUrl)) {
                    FOUND.put(prefix, d);
                    return d;
                }
            }
        }
        try {
            Driver d = DriverManager.getDriver(targetUrl);
            if (!(d instanceof NlsqlDriver)) {
                return d;
            }
        } catch (SQLException e) {
            // reported below
        }
        String sub = targetUrl.substring(5, Math.max(5, targetUrl.indexOf(':', 5)));
        throw SqlStates.connectionFailed("no JDBC driver for '" + sub + "' found (target URL "
                + NlsqlUrl.redact(targetUrl) + "): put the " + sub
                + " driver's jar next to nlsql's, or use the nlsql -all jar, which bundles SQLite, DuckDB, H2, PostgreSQL and SQL Server",
                null);
    }

    private static boolean acceptsQuietly(Driver d, String url) {
        try {
            return d.acceptsURL(url);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    static PipelineStages stages(NlsqlConfig config) throws SQLException {
        String name = config.stagesClass();
        PipelineStages s = STAGES.get(name);
        if (s != null) {
            return s;
        }
        try {
            Class<?> c = Class.forName(name, true, NlsqlDriver.class.getClassLoader());
            s = (PipelineStages) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw SqlStates.badParameter("nlsql.stages names a class that cannot be used as dev.nlsql.driver.pipeline.PipelineStages: "
                    + name + " (" + e + ")");
        }
        PipelineStages prev = STAGES.putIfAbsent(name, s);
        return prev == null ? s : prev;
    }

    /**
     * nlsql's own options (with their current or default values) followed by the target driver's
     * properties when the target driver is found; DBeaver calls this with empty properties.
     */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Properties props = info == null ? new Properties() : info;
        List<DriverPropertyInfo> out = new ArrayList<>();
        for (NlsqlOption o : NlsqlOption.values()) {
            DriverPropertyInfo p = new DriverPropertyInfo(o.key(), props.getProperty(o.key(), o.defaultValue()));
            p.description = o.description() + " (default: " + (o.defaultValue().isEmpty() ? "none" : o.defaultValue()) + ")";
            p.required = false;
            p.choices = o.choices().isEmpty() ? null : o.choices().toArray(String[]::new);
            out.add(p);
        }
        if (acceptsURL(url)) {
            try {
                NlsqlUrl parsed = NlsqlUrl.parse(url);
                Driver target = targetDriver(parsed.targetUrl());
                DriverPropertyInfo[] theirs = target.getPropertyInfo(parsed.targetUrl(), NlsqlConfig.targetProperties(props));
                if (theirs != null) {
                    out.addAll(List.of(theirs));
                }
            } catch (SQLException | RuntimeException e) {
                // malformed URL or no target driver yet: nlsql's options only
            }
        }
        return out.toArray(DriverPropertyInfo[]::new);
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** False: nlsql refuses writes to the source by design. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return getParentLoggerStatic();
    }

    private static Logger getParentLoggerStatic() {
        return Logger.getLogger("dev.nlsql");
    }
}
