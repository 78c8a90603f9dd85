package dev.nlsql.driver;

import dev.nlsql.policy.PolicyMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code nlsql.*} options of one connection, validated once at connect time.
 *
 * <p>Sources, lowest precedence first: the defaults of {@link NlsqlOption}; a
 * {@code nlsql.properties} resource on the driver's class path; the file named by
 * {@code nlsql.config} (connection property, else system property); the connection
 * properties. Keys not starting with {@code nlsql.} are ignored here and go to the target
 * driver ({@link #targetProperties(Properties)}).
 *
 * <p>Every typed getter's value is checked in {@link #from(Properties)}: a bad value gives an
 * {@link SQLException} with SQLState {@code 22023} naming the option.
 */
public final class NlsqlConfig {

    public static final String PREFIX = "nlsql.";
    /** Class-path resource read for defaults. */
    public static final String RESOURCE = "nlsql.properties";

    /** Where scratch tables live. */
    public enum ScratchMode { PERSISTENT, MEMORY }

    private final Map<String, String> values;
    private final PolicyMode policyMode;
    private final boolean unwrapVendor;
    private final int timeoutSeconds;
    private final int maxRows;
    private final int schemaRefreshMs;
    private final boolean provenanceEnabled;
    private final ScratchMode scratchMode;
    private final String scratchSchema;
    private final Path home;

    private NlsqlConfig(Map<String, String> values) throws SQLException {
        this.values = Collections.unmodifiableMap(values);
        String mode = value(NlsqlOption.POLICY_MODE);
        try {
            policyMode = PolicyMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw bad(NlsqlOption.POLICY_MODE, mode);
        }
        unwrapVendor = bool(NlsqlOption.UNWRAP_VENDOR);
        timeoutSeconds = nonNegativeInt(NlsqlOption.TIMEOUT_SECONDS);
        maxRows = nonNegativeInt(NlsqlOption.MAX_ROWS);
        schemaRefreshMs = nonNegativeInt(NlsqlOption.SCHEMA_REFRESH_MS);
        provenanceEnabled = bool(NlsqlOption.PROVENANCE_ENABLED);
        String scratch = value(NlsqlOption.SCRATCH).trim().toLowerCase(Locale.ROOT);
        scratchMode = switch (scratch) {
            case "persistent" -> ScratchMode.PERSISTENT;
            case "memory" -> ScratchMode.MEMORY;
            default -> throw bad(NlsqlOption.SCRATCH, scratch);
        };
        scratchSchema = value(NlsqlOption.SCRATCH_SCHEMA).trim();
        if (!scratchSchema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw bad(NlsqlOption.SCRATCH_SCHEMA, scratchSchema);
        }
        String h = values.get(NlsqlOption.HOME.key());
        if (h == null || h.isBlank()) {
            h = System.getProperty(NlsqlOption.HOME.key());
        }
        home = (h == null || h.isBlank()) ? Path.of(System.getProperty("user.home"), ".nlsql")
                : Path.of(h.startsWith("~/") ? System.getProperty("user.home") + h.substring(1) : h);
    }

    /**
     * Reads the options from connection properties plus the optional files.
     *
     * @param connectionProperties as given to {@code Driver.connect}; may be null
     * @throws SQLException 22023 for a bad value or an unreadable {@code nlsql.config} file
     */
    public static NlsqlConfig from(Properties connectionProperties) throws SQLException {
        Map<String, String> v = new TreeMap<>();
        loadResource(v);
        String configFile = connectionProperties == null ? null : connectionProperties.getProperty(NlsqlOption.CONFIG.key());
        if (configFile == null) {
            configFile = System.getProperty(NlsqlOption.CONFIG.key());
        }
        if (configFile != null && !configFile.isBlank()) {
            loadFile(Path.of(configFile), v);
        }
        if (connectionProperties != null) {
            for (String k : connectionProperties.stringPropertyNames()) {
                if (k.startsWith(PREFIX)) {
                    v.put(k, connectionProperties.getProperty(k));
                }
            }
        }
        return new NlsqlConfig(v);
    }

    /** A copy of {@code props} without the {@code nlsql.*} keys: what the target driver sees. */
    public static Properties targetProperties(Properties props) {
        Properties out = new Properties();
        if (props != null) {
            for (String k : props.stringPropertyNames()) {
                if (!k.startsWith(PREFIX)) {
                    out.setProperty(k, props.getProperty(k));
                }
            }
        }
        return out;
    }

    private static void loadResource(Map<String, String> v) throws SQLException {
        ClassLoader cl = NlsqlConfig.class.getClassLoader();
        URL url = cl == null ? ClassLoader.getSystemResource(RESOURCE) : cl.getResource(RESOURCE);
        if (url == null) {
            return;
        }
        try (InputStream in = url.openStream()) {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            copyNlsql(p, v);
        } catch (IOException e) {
            throw new SQLException("cannot read " + url + ": " + e.getMessage(), SqlStates.BAD_PARAMETER, e);
        }
    }

    private static void loadFile(Path file, Map<String, String> v) throws SQLException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            copyNlsql(p, v);
        } catch (IOException e) {
            throw new SQLException("nlsql.config names a file that cannot be read: " + file + " (" + e + ")",
                    SqlStates.BAD_PARAMETER, e);
        }
    }

    private static void copyNlsql(Properties p, Map<String, String> v) {
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(PREFIX)) {
                v.put(k, p.getProperty(k));
            }
        }
    }

    private String value(NlsqlOption o) {
        String s = values.get(o.key());
        return s == null ? o.defaultValue() : s;
    }

    private boolean bool(NlsqlOption o) throws SQLException {
        String s = value(o).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(o, s);
        };
    }

    private int nonNegativeInt(NlsqlOption o) throws SQLException {
        String s = value(o).trim();
        try {
            int i = Integer.parseInt(s);
            if (i < 0) {
                throw bad(o, s);
            }
            return i;
        } catch (NumberFormatException e) {
            throw bad(o, s);
        }
    }

    private static SQLException bad(NlsqlOption o, String value) {
        String expected = o.choices().isEmpty() ? "" : " (one of " + String.join(", ", o.choices()) + ")";
        return SqlStates.badParameter("bad value '" + value + "' for " + o.key() + expected + ": " + o.description());
    }

    /** {@code nlsql.policy.mode}; default {@link PolicyMode#READ_ONLY}. */
    public PolicyMode policyMode() {
        return policyMode;
    }

    /** Whether unwrap may hand out target objects: {@code nlsql.unwrap.vendor=true} or audit mode. */
    public boolean vendorUnwrapAllowed() {
        return unwrapVendor || policyMode == PolicyMode.AUDIT;
    }

    /** {@code nlsql.timeout.seconds}; default 30; 0 = none. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** {@code nlsql.maxRows}; default 0 = unlimited. */
    public int maxRows() {
        return maxRows;
    }

    /** {@code nlsql.schema.refreshMs}: ms between schema fingerprint checks; default 10,000; 0 = every statement. */
    public int schemaRefreshMs() {
        return schemaRefreshMs;
    }

    /** {@code nlsql.provenance.enabled}; default true. */
    public boolean provenanceEnabled() {
        return provenanceEnabled;
    }

    /** {@code nlsql.scratch}; default persistent. */
    public ScratchMode scratchMode() {
        return scratchMode;
    }

    /** {@code nlsql.scratch.schema}; default {@code scratch}; an SQL identifier. */
    public String scratchSchema() {
        return scratchSchema;
    }

    /** {@code nlsql.home} (option, else system property, else {@code ~/.nlsql}). */
    public Path home() {
        return home;
    }

    /** {@code nlsql.stages}: the class name of the pipeline stages. */
    public String stagesClass() {
        return value(NlsqlOption.STAGES);
    }

    /** Any {@code nlsql.*} option as text (other modules' options too), or null. */
    public String get(String key) {
        return values.get(key);
    }

    /** Any option, or {@code def} when unset. */
    public String get(String key, String def) {
        String s = values.get(key);
        return s == null ? def : s;
    }

    /** All {@code nlsql.*} options that were set, sorted by key. */
    public Map<String, String> all() {
        return values;
    }

    /**
     * The options that were set, as {@link Properties} (a fresh copy), for the other modules'
     * option readers ({@code PolicyConfig.fromProperties}, {@code ProvenanceStores.open},
     * {@code NlDialect.create}). Defaults are not filled in.
     */
    public Properties toProperties() {
        Properties p = new Properties();
        values.forEach(p::setProperty);
        return p;
    }
}
