package dev.nlsql.provenance;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Options of the provenance store, read from connection properties (prefix {@code nlsql.}),
 * then Java system properties of the same name, then defaults:
 *
 * <table>
 * <caption>options</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code nlsql.provenance.url}</td><td>embedded H2 file {@code <home>/provenance}</td>
 *     <td>JDBC URL of the store (any database with a JDBC driver; PostgreSQL and H2 tested)</td></tr>
 * <tr><td>{@code nlsql.provenance.user} / {@code .password}</td><td>none</td><td>store credentials</td></tr>
 * <tr><td>{@code nlsql.provenance.home}</td><td>{@code ~/.nlsql/provenance}</td><td>folder of the embedded store</td></tr>
 * <tr><td>{@code nlsql.provenance.sync}</td><td>false</td><td>append returns only once the record is committed</td></tr>
 * <tr><td>{@code nlsql.provenance.required}</td><td>true</td><td>store unavailable: statements fail (58030); false: they run unrecorded</td></tr>
 * <tr><td>{@code nlsql.provenance.queue}</td><td>8192</td><td>records waiting to be written before append blocks</td></tr>
 * <tr><td>{@code nlsql.provenance.batch}</td><td>512</td><td>most records per insert batch and commit</td></tr>
 * <tr><td>{@code nlsql.provenance.timeout}</td><td>5000</td><td>ms to wait for a store connection before it counts as unavailable</td></tr>
 * </table>
 *
 * @param url store JDBC URL
 * @param user store user, or null
 * @param password store password, or null
 * @param sync durable before append returns
 * @param required fail statements when the store is unavailable
 * @param queueCapacity bounded queue size (records)
 * @param batchSize records per batch
 * @param timeoutMs connection timeout (ms)
 */
public record StoreOptions(String url, String user, String password, boolean sync, boolean required,
        int queueCapacity, int batchSize, long timeoutMs) {

    public static final String URL = "nlsql.provenance.url";
    public static final String USER = "nlsql.provenance.user";
    public static final String PASSWORD = "nlsql.provenance.password";
    public static final String HOME = "nlsql.provenance.home";
    public static final String SYNC = "nlsql.provenance.sync";
    public static final String REQUIRED = "nlsql.provenance.required";
    public static final String QUEUE = "nlsql.provenance.queue";
    public static final String BATCH = "nlsql.provenance.batch";
    public static final String TIMEOUT = "nlsql.provenance.timeout";

    /**
     * Options from {@code props} (may be null), falling back to system properties and defaults.
     *
     * @throws IllegalArgumentException when a number does not parse or is not positive
     */
    public static StoreOptions from(Properties props) {
        String url = get(props, URL, null);
        if (url == null || url.isBlank()) {
            url = embeddedUrl(Path.of(get(props, HOME, Path.of(System.getProperty("user.home"), ".nlsql", "provenance").toString())));
        }
        return new StoreOptions(url, get(props, USER, null), get(props, PASSWORD, null),
                Boolean.parseBoolean(get(props, SYNC, "false")), Boolean.parseBoolean(get(props, REQUIRED, "true")),
                positive(props, QUEUE, "8192"), positive(props, BATCH, "512"), positive(props, TIMEOUT, "5000"));
    }

    /**
     * The embedded store's URL for folder {@code home}: an H2 file database {@code provenance}
     * there, written through on every commit ({@code WRITE_DELAY=0}) so a killed process keeps
     * what was committed, and left open at JVM exit ({@code DB_CLOSE_ON_EXIT=FALSE}) until the
     * store's own shutdown hook has written the records still queued (H2's hook would otherwise
     * close the database under the writer).
     */
    public static String embeddedUrl(Path home) {
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("provenance") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Same options with {@code sync} changed. */
    public StoreOptions withSync(boolean s) {
        return new StoreOptions(url, user, password, s, required, queueCapacity, batchSize, timeoutMs);
    }

    /** The URL with credentials removed, for messages. */
    public String redactedUrl() {
        return JdbcUrls.redact(url);
    }

    private static String get(Properties p, String key, String dflt) {
        String v = p == null ? null : p.getProperty(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        return v == null ? dflt : v.trim();
    }

    private static int positive(Properties p, String key, String dflt) {
        String v = get(p, key, dflt);
        try {
            int n = Integer.parseInt(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive integer, got: " + v);
        }
    }
}
