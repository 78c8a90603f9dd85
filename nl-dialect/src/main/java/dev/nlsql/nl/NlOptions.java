package dev.nlsql.nl;

import java.util.Properties;

/**
 * Options of the NL dialect, read from connection properties.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>property</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code nlsql.mode}</td><td>explicit</td><td>explicit | auto | off (see {@link NlMode})</td></tr>
 * <tr><td>{@code nlsql.nl.candidates}</td><td>4</td><td>candidates asked of the model; of the valid ones the first that returns rows is used (see {@code nlsql.nl.execGuided})</td></tr>
 * <tr><td>{@code nlsql.nl.execGuided}</td><td>true</td><td>execution-guided selection among several valid candidates: probe each (one row at most) and take the first returning rows, else the first that executes; false: the first valid one</td></tr>
 * <tr><td>{@code nlsql.nl.probe.timeoutMs}</td><td>1000</td><td>time limit of one probe, milliseconds; a probe past it takes that candidate</td></tr>
 * <tr><td>{@code nlsql.nl.cache.size}</td><td>1000</td><td>in-memory translation cache entries (0: off)</td></tr>
 * <tr><td>{@code nlsql.nl.cache.persist}</td><td>true</td><td>also keep translations in the provenance store (replayed after restarts, shared by drivers on the same store)</td></tr>
 * <tr><td>{@code nlsql.nl.pins}</td><td>true</td><td>use pinned translations (SQL packs) imported into the provenance store</td></tr>
 * <tr><td>{@code nlsql.nl.link.maxTables}</td><td>4</td><td>tables chosen by schema linking (join-path tables come on top)</td></tr>
 * <tr><td>{@code nlsql.nl.link.maxColumns}</td><td>24</td><td>columns shown per table</td></tr>
 * <tr><td>{@code nlsql.nl.values}</td><td>true</td><td>value linking over the database's text columns</td></tr>
 * <tr><td>{@code nlsql.nl.values.maxPerColumn}</td><td>5000</td><td>distinct values read per text column</td></tr>
 * <tr><td>{@code nlsql.nl.values.maxTotal}</td><td>200000</td><td>values kept per database</td></tr>
 * <tr><td>{@code nlsql.nl.values.maxLength}</td><td>64</td><td>longest value kept, in characters</td></tr>
 * <tr><td>{@code nlsql.nl.values.budgetMs}</td><td>5000</td><td>time budget for reading the values of one database, milliseconds</td></tr>
 * </table>
 *
 * @param mode how questions are recognised
 * @param candidates candidates requested from the model, at least 1
 * @param cacheSize in-memory cache entries
 * @param persistCache whether translations also go to the provenance store
 * @param usePins whether pinned translations from the provenance store are used
 * @param maxTables schema-linking table budget
 * @param maxColumns schema-linking column budget per table
 * @param valueLinking whether to build value indexes
 * @param valuesPerColumn distinct values read per column
 * @param valuesTotal values kept per database
 * @param valueMaxLength longest value kept
 * @param valueBudgetMs time budget for building one value index, milliseconds
 * @param executionGuided whether valid candidates are probed on the target and chosen by
 *     {@link dev.nlsql.model.ExecutionGuidedSelection}
 * @param probeTimeoutMs time limit of one probe, milliseconds
 */
public record NlOptions(NlMode mode, int candidates, int cacheSize, boolean persistCache, boolean usePins, int maxTables, int maxColumns,
        boolean valueLinking, int valuesPerColumn, int valuesTotal, int valueMaxLength, int valueBudgetMs,
        boolean executionGuided, int probeTimeoutMs) {

    /** All defaults. */
    public static NlOptions defaults() {
        return from(new Properties());
    }

    /**
     * Reads the options from connection properties (keys above; others ignored).
     *
     * @throws IllegalArgumentException for a malformed value (callers map it to SQLState 22023)
     */
    public static NlOptions from(Properties p) {
        return new NlOptions(
                NlMode.parse(p.getProperty("nlsql.mode")),
                positive(p, "nlsql.nl.candidates", 4),
                nonNegative(p, "nlsql.nl.cache.size", 1000),
                bool(p, "nlsql.nl.cache.persist", true),
                bool(p, "nlsql.nl.pins", true),
                positive(p, "nlsql.nl.link.maxTables", 4),
                positive(p, "nlsql.nl.link.maxColumns", 24),
                bool(p, "nlsql.nl.values", true),
                positive(p, "nlsql.nl.values.maxPerColumn", 5000),
                nonNegative(p, "nlsql.nl.values.maxTotal", 200_000),
                positive(p, "nlsql.nl.values.maxLength", 64),
                positive(p, "nlsql.nl.values.budgetMs", 5000),
                bool(p, "nlsql.nl.execGuided", true),
                positive(p, "nlsql.nl.probe.timeoutMs", 1000));
    }

    /**
     * The options that change which SQL the dialect chooses for a question, for the translation
     * cache key's decode settings ({@link TranslationKey#decodeSettings}), so that connections
     * configured differently never replay each other's choices. Form:
     * {@code nl:candidates=4,execGuided=true,link.maxTables=4,link.maxColumns=24,values=true,
     * values.maxPerColumn=5000,values.maxTotal=200000,values.maxLength=64} (names are the
     * {@code nlsql.nl.*} options; with value linking off, {@code values=false} and no limits).
     *
     * <p>In: {@code candidates} (the model is asked for that many: a different beam, other
     * candidates), {@code execGuided} (first valid candidate or the first one returning rows),
     * the schema-linking budgets (they decide the schema the model sees, so its output) and the
     * value-linking switch and limits (which values are masked and which columns the linker is
     * hinted at). Out: {@code nlsql.nl.probe.timeoutMs} and {@code nlsql.nl.values.budgetMs}:
     * they change a result only through how long the database takes, which differs from run to
     * run at the same setting (load, page cache), so keying on them would split the cache without
     * making it deterministic, like the data itself, which the key does not cover either (a
     * cached choice reflects the data when it was made). The probe's row limit is not a setting
     * (always one row: the rule only asks whether a row comes back). Cache, pin and mode options
     * do not change the SQL.
     *
     * @param probing whether execution-guided selection runs for this call (on, and a connection
     *     to probe on); false is recorded as {@code execGuided=false}
     * @param valueLinking whether a value index is used for this call (on, and it could be read)
     * @return the settings text, never null
     */
    public String selectionSettings(boolean probing, boolean valueLinking) {
        StringBuilder s = new StringBuilder("nl:candidates=").append(candidates)
                .append(",execGuided=").append(probing)
                .append(",link.maxTables=").append(maxTables)
                .append(",link.maxColumns=").append(maxColumns)
                .append(",values=").append(valueLinking);
        if (valueLinking) {
            s.append(",values.maxPerColumn=").append(valuesPerColumn)
                    .append(",values.maxTotal=").append(valuesTotal)
                    .append(",values.maxLength=").append(valueMaxLength);
        }
        return s.toString();
    }

    private static int positive(Properties p, String key, int def) {
        int v = nonNegative(p, key, def);
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + v);
        }
        return v;
    }

    private static int nonNegative(Properties p, String key, int def) {
        String s = p.getProperty(key);
        if (s == null || s.isBlank()) {
            return def;
        }
        try {
            int v = Integer.parseInt(s.trim());
            if (v < 0) {
                throw new IllegalArgumentException(key + " must not be negative, not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + s + "'");
        }
    }

    private static boolean bool(Properties p, String key, boolean def) {
        String s = p.getProperty(key);
        if (s == null || s.isBlank()) {
            return def;
        }
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + s + "'");
        };
    }
}
