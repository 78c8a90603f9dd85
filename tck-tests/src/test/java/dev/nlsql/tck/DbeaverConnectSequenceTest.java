package dev.nlsql.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DBeaver's connect sequence replayed call by call (as in its JDBC data source code): the
 * driver class is loaded in a class loader of its own (DBeaver gives each driver one, with the
 * platform loader as parent), {@code getPropertyInfo(url, new Properties())}, then
 * {@code Driver.connect} and the metadata calls it makes to fill its navigator. nlsql's answers
 * must equal the raw driver's, and nlsql's property list must hold the target's plus
 * {@code nlsql.*} options. Schemas and catalogs may add the session's own (DuckDB's attached
 * databases, SQLite's {@code main} and {@code scratch}). Each replay ends as a host unloading the
 * driver does: {@link DriverUnloader} deregisters the loader's drivers, after which no
 * {@code nlsql*} thread and no provenance shutdown hook may be left.
 */
class DbeaverConnectSequenceTest {

    private static final Map<Engine, String> RAW_DRIVERS = Map.of(
            Engine.SQLITE, "org.sqlite.JDBC",
            Engine.DUCKDB, "org.duckdb.DuckDBDriver",
            Engine.H2, "org.h2.Driver",
            Engine.POSTGRESQL, "org.postgresql.Driver");

    @ParameterizedTest
    @EnumSource(Engine.class)
    void connectSequenceMatchesTheRawDriver(Engine engine) throws Exception {
        try (TckDatabase db = TckDatabase.create(engine)) {
            Map<String, String> raw = replay(RAW_DRIVERS.get(engine), db.rawUrl, db);
            if (Boolean.getBoolean("nlsql.tck.control")) { // control run: the raw driver twice
                assertEquals(raw, replay(RAW_DRIVERS.get(engine), db.rawUrl, db));
                return;
            }
            Map<String, String> nlsql = replay(HikariClientTest.DRIVER_CLASS, db.nlsqlUrl(), db);

            List<String> differences = new ArrayList<>();
            Set<String> rawProps = propertyNames(raw.remove("getPropertyInfo"));
            Set<String> nlsqlProps = propertyNames(nlsql.remove("getPropertyInfo"));
            if (!nlsqlProps.containsAll(rawProps)) {
                differences.add("getPropertyInfo lacks target properties " + minus(rawProps, nlsqlProps));
            }
            if (!minus(nlsqlProps, rawProps).stream().allMatch(p -> p.startsWith("nlsql."))) {
                differences.add("getPropertyInfo has extra properties not prefixed nlsql.: " + minus(nlsqlProps, rawProps));
            }
            if (nlsqlProps.stream().noneMatch(p -> p.startsWith("nlsql."))) {
                differences.add("getPropertyInfo lists no nlsql.* option");
            }
            String expectedUrl = raw.remove("getURL").replaceFirst("^String:jdbc:", "String:jdbc:nlsql:");
            String url = nlsql.remove("getURL");
            if (!expectedUrl.equals(url)) {
                differences.add("getURL: expected " + expectedUrl + " but was " + url);
            }
            // read-only mode (the default) may report the connection read-only where the target did not
            if (!raw.get("readOnly").equals(nlsql.get("readOnly")) && nlsql.get("readOnly").equals("Boolean:true")) {
                nlsql.put("readOnly", raw.get("readOnly"));
            }
            // SQLite: nlsql lists main and the attached scratch database as schemas, where xerial lists none
            if (engine == Engine.SQLITE && ReadOnlyDifferences.sqliteSchemas(raw.get("getSchemas")).equals(nlsql.get("getSchemas"))) {
                nlsql.put("getSchemas", raw.get("getSchemas"));
            }
            for (String call : List.of("getCatalogs", "getSchemas")) {
                String extra = extraRows(raw.get(call), nlsql.get(call));
                if (extra != null) {
                    nlsql.put(call, raw.get(call)); // only the session's own catalogs were added
                }
            }
            for (String call : raw.keySet()) {
                String r = raw.get(call);
                String n = nlsql.get(call);
                if (!r.equals(n)) {
                    differences.add(call + " -> " + Dump.firstDifference(r, String.valueOf(n)));
                }
            }
            assertTrue(raw.get("getTables").contains(":" + db.table("album")), raw.get("getTables"));
            assertEquals(List.of(), differences, engine.id + ": nlsql answers DBeaver differently");
        }
    }

    /**
     * In read-only mode nlsql's DuckDB session is an in-memory database with the source attached
     * read-only (and the scratch database attached): its catalogs show up beside the source's.
     * Returns the extra rows when the nlsql dump is the raw dump plus only such rows, else null.
     */
    static String extraRows(String raw, String nlsql) {
        if (nlsql == null || raw.equals(nlsql)) {
            return null;
        }
        List<String> r = new ArrayList<>(Arrays.asList(raw.split("\n")));
        List<String> n = new ArrayList<>(Arrays.asList(nlsql.split("\n")));
        List<String> rMeta = r.stream().filter(l -> !l.startsWith("  row") && !l.startsWith("rows=")).toList();
        List<String> nMeta = n.stream().filter(l -> !l.startsWith("  row") && !l.startsWith("rows=")).toList();
        if (!rMeta.equals(nMeta)) {
            return null;
        }
        List<String> rRows = r.stream().filter(l -> l.startsWith("  row")).toList();
        List<String> extra = new ArrayList<>(n.stream().filter(l -> l.startsWith("  row")).toList());
        for (String row : rRows) {
            if (!extra.remove(row)) {
                return null;
            }
        }
        boolean sessionOnly = extra.stream().allMatch(l -> l.matches(".*String:(memory|scratch|nlsql_\\w+)( .*|$)"));
        return sessionOnly && !extra.isEmpty() ? String.join("\n", extra) : null;
    }

    private static Set<String> propertyNames(String dump) {
        Set<String> names = new TreeSet<>(Arrays.asList(dump.split("\n")));
        names.remove("");
        return names;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> r = new TreeSet<>(a);
        r.removeAll(b);
        return r;
    }

    /** The calls DBeaver makes on connect and when the navigator opens the fixture's schema. */
    private static Map<String, String> replay(String driverClass, String url, TckDatabase db) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        // Each replay loads a private copy of the driver (and of H2) in its own class loader; one
        // JVM holding several copies is this test's doing, not DBeaver's (one loader per driver),
        // so each copy gets its own embedded provenance store instead of fighting over one file.
        String home = System.getProperty("nlsql.provenance.home");
        System.setProperty("nlsql.provenance.home",
                java.nio.file.Files.createTempDirectory("nlsql-dbeaver-prov").toString());
        try (URLClassLoader loader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) loader.loadClass(driverClass).getDeclaredConstructor().newInstance();
            StringBuilder props = new StringBuilder();
            for (DriverPropertyInfo p : driver.getPropertyInfo(url, new Properties())) {
                props.append(p.name).append('\n');
            }
            answers.put("getPropertyInfo", props.toString());
            answers.put("acceptsURL", String.valueOf(driver.acceptsURL(url)));
            try (Connection conn = driver.connect(url, new Properties())) {
                DatabaseMetaData md = conn.getMetaData();
                answers.put("product", md.getDatabaseProductName() + " " + md.getDatabaseProductVersion()
                        + " " + md.getDatabaseMajorVersion() + "." + md.getDatabaseMinorVersion());
                answers.put("driver", md.getDriverName() + " " + md.getDriverVersion()
                        + " " + md.getDriverMajorVersion() + "." + md.getDriverMinorVersion()
                        + " jdbc " + md.getJDBCMajorVersion() + "." + md.getJDBCMinorVersion());
                answers.put("getURL", Dump.call(md::getURL));
                answers.put("getUserName", Dump.call(md::getUserName));
                answers.put("getIdentifierQuoteString", Dump.call(md::getIdentifierQuoteString));
                answers.put("getSQLKeywords", Dump.call(() -> new TreeSet<>(Arrays.asList(md.getSQLKeywords().split(",")))));
                answers.put("getCatalogTerm", Dump.call(md::getCatalogTerm) + " " + Dump.call(md::getSchemaTerm));
                answers.put("supportsSchemas", Dump.call(md::supportsSchemasInTableDefinitions)
                        + " " + Dump.call(md::supportsCatalogsInTableDefinitions));
                answers.put("getTypeInfo", dump(md.getTypeInfo()));
                answers.put("getCatalogs", dump(md.getCatalogs()));
                answers.put("getSchemas", db.engine == Engine.POSTGRESQL ? "shared server" : dump(md.getSchemas()));
                answers.put("getTableTypes", dump(md.getTableTypes()));
                answers.put("getTables", dump(md.getTables(null, db.schema, "%", null)));
                for (String t : List.of("artist", "album", "note")) {
                    String table = db.table(t);
                    answers.put("getColumns " + t, dump(md.getColumns(null, db.schema, table, "%")));
                    answers.put("getPrimaryKeys " + t, dump(md.getPrimaryKeys(null, db.schema, table)));
                    answers.put("getImportedKeys " + t, dump(md.getImportedKeys(null, db.schema, table)));
                    answers.put("getIndexInfo " + t, dump(md.getIndexInfo(null, db.schema, table, false, true)));
                }
                answers.put("autoCommit/isolation", conn.getAutoCommit() + " " + Dump.call(conn::getTransactionIsolation));
                answers.put("readOnly", Dump.call(conn::isReadOnly));
            }
            // unload as a host does before dropping the loader (DriverManager.deregisterDriver,
            // from a class of that loader): nlsql's stores flush and stop, so no writer thread
            // or shutdown hook runs the closed loader's code later (it failed at JVM exit with
            // NoClassDefFoundError: dev/nlsql/provenance/ProvenanceRecord)
            loader.loadClass(DriverUnloader.class.getName()).getMethod("deregisterOwn").invoke(null);
            assertEquals(List.of(), DriverUnloadTest.nlsqlThreadsAfter(2000),
                    "nlsql threads alive after the driver was deregistered");
            assertEquals(false, loader.loadClass("dev.nlsql.provenance.ProvenanceStores")
                    .getMethod("shutdownHookRegistered").invoke(null), "provenance shutdown hook left registered");
        } finally {
            if (home == null) {
                System.clearProperty("nlsql.provenance.home");
            } else {
                System.setProperty("nlsql.provenance.home", home);
            }
        }
        return answers;
    }

    private static String dump(ResultSet rs) {
        return Dump.call(() -> {
            try (rs) {
                return Dump.resultSet(rs);
            }
        });
    }

    /** The test class path, as DBeaver's driver library list: every jar and classes folder. */
    static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
