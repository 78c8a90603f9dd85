package dev.nlsql.model.eval;

import dev.nlsql.model.SchemaContext;
import dev.nlsql.model.vault.Slot;
import dev.nlsql.model.vault.SlotKind;
import dev.nlsql.model.vault.ValueIndex;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the {@link ValueIndex} the ID vault uses to mask values a question names without
 * quotes ("singers from France"), from a database's text column values, and remembers each
 * value's spelling in the database so that the evaluation binds {@code France} when the
 * question wrote {@code france}.
 *
 * <p>Values are skipped when they cannot be told from ordinary words: shorter than 3
 * characters, longer than {@value #MAX_VALUE_CHARS} characters or {@value #MAX_VALUE_WORDS}
 * words, purely numeric or date-like (the vault's other rules handle those), a common English
 * word, or equal to a table or column name (also with {@code _} read as a space). This is the
 * evaluation harness's simple value linker; the NL dialect has the production one.
 */
public final class ValueIndexBuilder {

    /** Longest value indexed, in characters. */
    public static final int MAX_VALUE_CHARS = 60;
    /** Longest value indexed, in words. */
    public static final int MAX_VALUE_WORDS = 6;

    private static final Pattern NUMERIC = Pattern.compile("[-+]?[0-9.,:/ %-]+");
    private static final Set<String> COMMON = Set.of(
            "the", "and", "for", "are", "all", "any", "not", "yes", "with", "from", "that", "this", "what",
            "which", "who", "whom", "how", "many", "much", "more", "most", "less", "least", "than", "each",
            "name", "names", "number", "count", "total", "average", "other", "others", "none", "null",
            "true", "false", "one", "two", "three", "first", "last", "new", "old", "top", "high", "low",
            "show", "list", "find", "give", "return", "also", "both", "only", "have", "has", "had", "was",
            "were", "per", "their", "there", "these", "those", "them", "they", "its", "his", "her", "year",
            "years", "date", "time", "type", "types", "ids", "code", "order", "different", "distinct",
            "male", "female", "man", "men", "woman", "women", "people", "person", "student", "students");

    private final Set<String> excluded = new HashSet<>();
    private final Map<String, List<String>> byColumn = new LinkedHashMap<>();
    private final Map<String, String> spelling = new HashMap<>();

    /**
     * A builder filled from a Spider SQLite database: the schema's table and column names, and for
     * every column up to {@code perColumn} distinct values whose SQLite storage class is text. A
     * name the file lacks contributes no values.
     *
     * @param sqlite an open connection to the database (only read)
     * @param schema the database's schema (from {@code tables.json})
     * @param perColumn the most values read per column
     */
    public static ValueIndexBuilder fromSqlite(Connection sqlite, SchemaContext schema, int perColumn) {
        List<String> names = new ArrayList<>();
        for (SchemaContext.Table t : schema.tables()) {
            names.add(t.name());
            t.columns().forEach(col -> names.add(col.name()));
        }
        ValueIndexBuilder values = new ValueIndexBuilder(names);
        for (SchemaContext.Table t : schema.tables()) {
            for (SchemaContext.Column col : t.columns()) {
                String q = quote(col.name());
                String sql = "SELECT DISTINCT " + q + " FROM " + quote(t.name()) + " WHERE typeof(" + q
                        + ") = 'text' LIMIT " + perColumn;
                try (Statement st = sqlite.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        values.add(t.name() + "." + col.name(), rs.getString(1));
                    }
                } catch (SQLException nameTheFileLacks) {
                    // the column contributes no values
                }
            }
        }
        return values;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * An empty builder.
     *
     * @param schemaNames table and column names of the database (never treated as values)
     */
    public ValueIndexBuilder(Iterable<String> schemaNames) {
        for (String s : schemaNames) {
            excluded.add(ValueIndex.normalise(s));
            excluded.add(ValueIndex.normalise(s.replace('_', ' ')));
        }
    }

    /**
     * Adds one text value of a column; ignored when it fails the filters above. When two columns
     * hold the same value, the first added wins, as does the first spelling.
     *
     * @param tableColumn {@code table.column}
     * @param value the value as stored
     * @return whether the value was indexed
     */
    public boolean add(String tableColumn, String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        if (v.length() < 3 || v.length() > MAX_VALUE_CHARS || v.contains("__")) {
            return false;
        }
        String key = ValueIndex.normalise(v);
        if (COMMON.contains(key) || excluded.contains(key) || NUMERIC.matcher(key).matches()
                || key.split(" ").length > MAX_VALUE_WORDS || !Character.isLetterOrDigit(key.charAt(0))
                || !Character.isLetterOrDigit(key.charAt(key.length() - 1))) {
            return false;
        }
        if (spelling.putIfAbsent(key, v) != null) {
            return false;
        }
        byColumn.computeIfAbsent(tableColumn, k -> new ArrayList<>()).add(v);
        return true;
    }

    /** Number of distinct values indexed. */
    public int size() {
        return spelling.size();
    }

    /** The index for {@link dev.nlsql.model.vault.IdVault#mask}. */
    public ValueIndex build() {
        Map<String, Collection<String>> copy = new LinkedHashMap<>(byColumn);
        return ValueIndex.of(copy);
    }

    /**
     * The database's spelling of a value the index matched.
     *
     * @param text the value as the question wrote it
     * @return the stored spelling, or {@code text} itself when the index does not know it
     */
    public String databaseSpelling(String text) {
        return spelling.getOrDefault(ValueIndex.normalise(text), text);
    }

    /**
     * The JDBC value to bind for a slot of a question masked with this index: whole numbers as
     * {@code Long}, other numbers as {@code Double} (SQLite stores no decimals), dates as ISO-8601
     * text (how Spider stores them), strings the index matched in the database's spelling.
     *
     * @param slot a slot of the masked question
     * @return the value for {@code PreparedStatement.setObject}
     */
    public Object jdbcValue(Slot slot) {
        Object v = slot.value();
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException notWhole) {
                return d.doubleValue();
            }
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (slot.kind() == SlotKind.STR && slot.column() != null && v instanceof String s) {
            return databaseSpelling(s);
        }
        return v;
    }
}
